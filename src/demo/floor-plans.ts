import type { SeededRandom } from '../simulator/world/seeded-random.js';
import type { DemoTable } from './demo-catalog.js';

export type DiningRoomSize = 'small' | 'medium' | 'large';

/** Tables per section for each size of dining room: [window two-tops, main tables, patio tables]. */
const SECTION_COUNTS: Record<DiningRoomSize, [window: number, main: number, patio: number]> = {
  small: [2, 4, 2],
  medium: [3, 6, 3],
  large: [4, 9, 4],
};

/**
 * A floor plan: two-tops along the window, fours and sixes in the main room, a patio. Inside tables
 * are numbered 1…n, patio tables P1…Pn; positions are on the floor-plan editor's grid.
 */
export function floorPlan(random: SeededRandom, size: DiningRoomSize): DemoTable[] {
  const [window, main, patio] = SECTION_COUNTS[size];
  const tables: DemoTable[] = [];
  let number = 0;
  for (let i = 0; i < window; i++) {
    number += 1;
    tables.push({
      number: String(number),
      capacity: 2,
      section: 'Window',
      position: { x: 80 + 110 * i, y: 60 },
      shape: 'square',
    });
  }
  for (let i = 0; i < main; i++) {
    number += 1;
    // Mostly fours; now and then a long six for groups.
    const six = random.chance(0.25);
    tables.push({
      number: String(number),
      capacity: six ? 6 : 4,
      section: 'Main',
      position: { x: 80 + 140 * (i % 3), y: 200 + 140 * Math.floor(i / 3) },
      shape: six ? 'rectangle' : 'round',
    });
  }
  for (let i = 0; i < patio; i++) {
    tables.push({
      number: `P${i + 1}`,
      capacity: random.pick([2, 4]),
      section: 'Patio',
      position: { x: 560, y: 120 + 120 * i },
      shape: 'square',
    });
  }
  return tables;
}
