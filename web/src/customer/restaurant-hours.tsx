import type { Restaurant } from './customer-types.js';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** Today's weekday where the restaurant is, not where the browser is. */
function weekdayIn(timeZone: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long' }).format(now).toLowerCase();
  } catch {
    return '';
  }
}

type Section = Restaurant['businessHours'][string][number];

// Equal opening and closing times mean open around the clock (src/domain/locations/local-time.ts).
const sectionText = (section: Section) =>
  section.opens === section.closes ? 'open 24 hours' : `${section.opens}–${section.closes}`;

/** The week's opening hours in the restaurant's local time, today marked. */
export function RestaurantHours({ restaurant }: { restaurant: Restaurant }) {
  const today = weekdayIn(restaurant.timeZone, new Date());
  return (
    <details class="hours">
      <summary>Opening hours ({restaurant.timeZone})</summary>
      <table class="data-table">
        <tbody>
          {DAYS.map((day) => {
            const sections = restaurant.businessHours[day] ?? [];
            const label = day.charAt(0).toUpperCase() + day.slice(1);
            return (
              <tr key={day} class={day === today ? 'today' : undefined}>
                <th scope="row">
                  {label}
                  {day === today && <span class="muted small"> (today)</span>}
                </th>
                <td>
                  {sections.length === 0
                    ? 'closed'
                    : sections
                        .map((section) => `${section.name ? `${section.name} ` : ''}${sectionText(section)}`)
                        .join(', ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
