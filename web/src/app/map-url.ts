/** A point on OpenStreetMap's site, marked and centred (the app loads no map itself: links only). */
export function mapUrl(lat: number, lon: number, zoom: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=${zoom}/${lat}/${lon}`;
}
