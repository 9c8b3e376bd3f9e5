/**
 * Which event types a client asked for with `{"type":"subscribe","events":[...]}`: exact types
 * (`order.placed`) and prefix wildcards (`kitchen.*` matches every `kitchen.` type). An empty list
 * means everything, which is also where every connection starts.
 */
export class EventFilter {
  private readonly exact = new Set<string>();
  private readonly prefixes: string[] = [];
  readonly patterns: readonly string[];

  constructor(patterns: readonly string[] = []) {
    this.patterns = [...new Set(patterns)];
    for (const pattern of this.patterns) {
      if (pattern.endsWith('.*')) this.prefixes.push(pattern.slice(0, -1));
      else this.exact.add(pattern);
    }
  }

  matches(eventType: string): boolean {
    if (this.patterns.length === 0 || this.exact.has(eventType)) return true;
    return this.prefixes.some((prefix) => eventType.startsWith(prefix));
  }
}

/** A pattern clients may send: `a.b_c` or `a.*` (lower case, dot-separated words). */
export const EVENT_PATTERN = '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?$';
