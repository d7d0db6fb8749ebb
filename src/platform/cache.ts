/**
 * A bounded in-process cache whose entries belong to one content version: when the change
 * counter moves (a write from any process), every older entry is dropped at once. Bounded by
 * entries and, when given `sizeOf`, by bytes too (a page with a long thread weighs a hundred).
 */
export class VersionedCache<V> {
  private version = -1;
  private readonly map = new Map<string, V>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly budget?: { maxBytes: number; sizeOf: (v: V) => number },
  ) {}

  get(key: string, version: number): V | undefined {
    if (version !== this.version) {
      this.clear(version);
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
    // Rendered for a version a write has since replaced (the counter only grows): not kept.
    if (version < this.version) return;
    if (version !== this.version) this.clear(version);
    this.remove(key);
    this.map.set(key, value);
    this.bytes += this.budget?.sizeOf(value) ?? 0;
    // The least recently used go first (Map order), never the entry just set.
    while (this.map.size > 1 && (this.map.size > this.maxEntries || (this.budget && this.bytes > this.budget.maxBytes))) {
      this.remove(this.map.keys().next().value!);
    }
  }

  private remove(key: string): void {
    const old = this.map.get(key);
    if (old === undefined) return;
    this.map.delete(key);
    this.bytes -= this.budget?.sizeOf(old) ?? 0;
  }

  private clear(version: number): void {
    this.map.clear();
    this.bytes = 0;
    this.version = version;
  }

  get size(): number {
    return this.map.size;
  }

  /** Bytes held, by `sizeOf` (0 without a budget). */
  get weight(): number {
    return this.bytes;
  }
}
