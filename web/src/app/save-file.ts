/** Saves text the app has as a file the browser downloads (no server round trip for the file itself). */
export function saveFile(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the object URL is no longer needed.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
