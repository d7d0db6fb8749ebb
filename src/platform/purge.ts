/**
 * Purges a CDN or Varnish by surrogate key after each write, so a shared cache may keep pages
 * for minutes and still show a correction at once. A purge never blocks the write that caused
 * it (it runs after the commit); a failed one is retried with backoff and logged, never dropped
 * silently.
 *
 * Adapters (`PURGE`):
 * - `varnish:URL[,URL…]`  `PURGE` requests with an `xkey` header (varnish-modules' xkey), one per cache;
 * - `cloudflare`          purge by tag (`POST /client/v4/zones/<zone>/purge_cache {"tags": […]}`);
 * - `fastly`              purge by surrogate key (`POST /service/<id>/purge` with `Surrogate-Key`).
 */
export type PurgeTarget =
  | { kind: 'none' }
  | { kind: 'varnish'; urls: readonly string[] }
  | { kind: 'cloudflare'; apiBase: string; token: string; zoneId: string }
  | { kind: 'fastly'; apiBase: string; token: string; serviceId: string };

export interface PurgeLog {
  warn(msg: string): void;
  error(msg: string): void;
}

/** What the purger did, for tests and the bench (events, not timing). */
export interface PurgeEvents {
  /** Every key of a batch reached every cache. */
  purged?(keys: readonly string[]): void;
  /** A batch failed for good after its retries (and was logged). */
  failed?(keys: readonly string[], why: string): void;
}

// Cloudflare takes at most 30 tags per call; Fastly and xkey take a list in one header.
const MAX_KEYS = 30;
const RETRIES = 5;

export class Purger {
  private pending = new Set<string>();
  private scheduled = false;
  private inFlight = new Set<Promise<void>>();

  constructor(
    private readonly target: PurgeTarget,
    private readonly log: PurgeLog,
    private readonly events: PurgeEvents = {},
    /** Backoff between retries, ms (tests make it 0). */
    private readonly backoffMs = (attempt: number) => Math.min(250 * 2 ** attempt, 8000),
  ) {}

  get enabled(): boolean {
    return this.target.kind !== 'none';
  }

  /** Queues keys; those queued in the same turn of the event loop go in one request. */
  purge(keys: readonly string[]): void {
    if (!this.enabled || keys.length === 0) return;
    for (const k of keys) this.pending.add(k);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      const all = [...this.pending];
      this.pending.clear();
      for (let i = 0; i < all.length; i += MAX_KEYS) this.track(this.send(all.slice(i, i + MAX_KEYS)));
    });
  }

  /** Waits for every purge begun so far (shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async send(keys: string[]): Promise<void> {
    let why = '';
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      try {
        await this.request(keys);
        this.events.purged?.(keys);
        return;
      } catch (e) {
        why = (e as Error).message;
        if (attempt < RETRIES) {
          this.log.warn(`purge of ${keys.join(' ')} failed (${why}); retrying`);
          await new Promise((r) => setTimeout(r, this.backoffMs(attempt)));
        }
      }
    }
    this.log.error(`purge of ${keys.join(' ')} failed ${RETRIES + 1} times (${why}); those pages stay cached until their s-maxage ends`);
    this.events.failed?.(keys, why);
  }

  private async request(keys: string[]): Promise<void> {
    const t = this.target;
    if (t.kind === 'varnish') {
      await Promise.all(t.urls.map((url) => expectOk(fetch(url, { method: 'PURGE', headers: { xkey: keys.join(' ') } }), url)));
    } else if (t.kind === 'cloudflare') {
      await expectOk(
        fetch(`${t.apiBase}/client/v4/zones/${encodeURIComponent(t.zoneId)}/purge_cache`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ tags: keys }),
        }),
        'Cloudflare',
      );
    } else if (t.kind === 'fastly') {
      await expectOk(
        fetch(`${t.apiBase}/service/${encodeURIComponent(t.serviceId)}/purge`, {
          method: 'POST',
          headers: { 'fastly-key': t.token, 'surrogate-key': keys.join(' '), accept: 'application/json' },
        }),
        'Fastly',
      );
    }
  }
}

async function expectOk(res: Promise<Response>, what: string): Promise<void> {
  const r = await res;
  // The body is read so the connection can be reused.
  const body = await r.text();
  if (!r.ok) throw new Error(`${what} answered ${r.status}${body ? `: ${body.slice(0, 200)}` : ''}`);
}
