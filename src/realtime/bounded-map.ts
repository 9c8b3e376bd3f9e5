/**
 * A map that keeps at most `capacity` entries, forgetting the least recently written one first. The
 * hub remembers recent event ids (to drop bus duplicates) and orders' service types with it, so its
 * memory stays flat however long the process runs.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    // Re-inserting moves the key to the end: Map iterates in insertion order, oldest first.
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
