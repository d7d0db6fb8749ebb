/**
 * A bounded in-process cache whose entries belong to one content version: when the change
 * counter moves (a write from any process), every older entry is dropped at once.
 */
export class VersionedCache<V> {
  private version = -1;
  private readonly map = new Map<string, V>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, version: number): V | undefined {
    if (version !== this.version) {
      this.map.clear();
      this.version = version;
      return undefined;
    }
    const v = this.map.get(key);
    if (v !== undefined) {
      // Re-insert: Map keeps insertion order, so the oldest-used entry is first to go.
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, version: number, value: V): void {
    if (version !== this.version) {
      this.map.clear();
      this.version = version;
    }
    this.map.set(key, value);
    if (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  get size(): number {
    return this.map.size;
  }
}
