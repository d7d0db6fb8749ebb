/**
 * A bounded in-process cache whose entries belong to one content version: when the change
 * counter moves (a write from any process), every older entry is dropped at once. Bounded by
 * entries and, when given `sizeOf`, by bytes too (a page with a long thread weighs a hundred).
 */
export class VersionedCache<V> {
  private version = -1;
  private readonly map = new Map<string, Entry<V>>();
  // Least recently used first. A list, not the Map's insertion order (re-inserting a key on
  // every hit): the Map's table then filled with deleted slots and was copied anew every few
  // hundred hits, and each copy outlived a scavenge — garbage for the old generation.
  private oldest: Entry<V> | null = null;
  private newest: Entry<V> | null = null;
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
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    if (e !== this.newest) {
      this.unlink(e);
      this.append(e);
    }
    return e.value;
  }

  set(key: string, version: number, value: V): void {
    // Rendered for a version a write has since replaced (the counter only grows): not kept.
    if (version < this.version) return;
    if (version !== this.version) this.clear(version);
    this.remove(key);
    const e: Entry<V> = { key, value, older: null, newer: null };
    this.map.set(key, e);
    this.append(e);
    this.bytes += this.budget?.sizeOf(value) ?? 0;
    this.evict();
  }

  /**
   * Puts `next` where `current` is still kept under `key` at `version` — its place in the
   * recency order kept, its bytes counted anew — and says whether it was. Never clears the cache
   * (an older `version` is simply not there), unlike `get`.
   */
  swap(key: string, version: number, current: V, next: V): boolean {
    const e = this.map.get(key);
    if (version !== this.version || e?.value !== current) return false;
    this.bytes += (this.budget?.sizeOf(next) ?? 0) - (this.budget?.sizeOf(current) ?? 0);
    e.value = next;
    this.evict();
    return true;
  }

  // The least recently used go first, never the newest entry.
  private evict(): void {
    while (this.map.size > 1 && (this.map.size > this.maxEntries || (this.budget && this.bytes > this.budget.maxBytes))) {
      this.remove(this.oldest!.key);
    }
  }

  private remove(key: string): void {
    const e = this.map.get(key);
    if (e === undefined) return;
    this.map.delete(key);
    this.unlink(e);
    this.bytes -= this.budget?.sizeOf(e.value) ?? 0;
  }

  private append(e: Entry<V>): void {
    e.older = this.newest;
    e.newer = null;
    if (this.newest) this.newest.newer = e;
    else this.oldest = e;
    this.newest = e;
  }

  private unlink(e: Entry<V>): void {
    if (e.older) e.older.newer = e.newer;
    else this.oldest = e.newer;
    if (e.newer) e.newer.older = e.older;
    else this.newest = e.older;
    e.older = e.newer = null;
  }

  private clear(version: number): void {
    this.map.clear();
    this.oldest = this.newest = null;
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

interface Entry<V> {
  key: string;
  value: V;
  older: Entry<V> | null;
  newer: Entry<V> | null;
}
