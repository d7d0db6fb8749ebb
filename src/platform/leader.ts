import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { RedisLink } from './redis.ts';

/**
 * Which instance runs the site's periodic jobs (scheduled publishing, the view flush, …): exactly
 * one at a time. Events: `change` (leader: boolean).
 */
export interface Leader extends EventEmitter {
  /** This instance holds the lead now. */
  isLeader(): boolean;
  start(): void;
  /** Gives the lead up at once (another instance takes it without waiting for the lease to end). */
  close(): Promise<void>;
}

/** One machine: it is always the leader (what happens without REDIS_URL). */
export class SoleInstance extends EventEmitter implements Leader {
  isLeader(): boolean {
    return true;
  }
  start(): void {}
  async close(): Promise<void> {}
}

const KEY = 'khabar:leader';
/** Where a leader that gives up says so, so the others need not wait for their next try. */
const CHANNEL = 'khabar:leader';
// Renew only our own lease, release only our own: the token tells ours from a successor's.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * A lease in Redis (SET NX PX with a token of this instance's own), renewed every third of its
 * length and released on close. No database advisory lock: through PgBouncer in transaction
 * mode a session lock would be held by whichever client the pooled connection serves next.
 *
 * A leader that cannot reach Redis stops leading once its lease would have run out (another
 * may hold it by then); while Redis is down no one leads and the jobs pause — at most one
 * instance runs them, never two.
 */
export class RedisLeader extends EventEmitter implements Leader {
  private readonly token = randomBytes(16).toString('hex');
  private leading = false;
  /** Until when (process time) our last successful take or renewal holds. */
  private heldUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private trying: Promise<void> | null = null;
  private started = false;
  /** Until when (process time) this instance may not take a free lease: see the 'state' handler. */
  private holdOffUntil = 0;

  constructor(private readonly redis: RedisLink, private readonly leaseMs = 10_000) {
    super();
    redis.on('message', (channel: string) => {
      // The holder gave the lease up itself: no one else can believe they hold it.
      if (channel === CHANNEL && !this.leading) void this.tryNow(true);
    });
    redis.on('state', (up: boolean) => {
      if (!up) return;
      // A Redis that restarted empty forgot the lease, but its holder may not know yet: a free
      // lease is taken only once any such belief has run out (a leader renews at once, fails and
      // steps down).
      const now = performance.now();
      this.holdOffUntil = now + this.leaseMs;
      if (this.leading) void this.tryNow();
      // A Redis up for longer than a lease outlived every such belief: no need to wait.
      void redis.commands.info('server').then((info) => {
        const uptimeMs = Number(/uptime_in_seconds:(\d+)/.exec(info)?.[1] ?? 0) * 1000;
        this.holdOffUntil = now + Math.max(0, this.leaseMs - uptimeMs + 1000);
        if (this.started && !this.leading && performance.now() >= this.holdOffUntil) void this.tryNow();
      }, () => {});
    });
  }

  isLeader(): boolean {
    if (this.leading && performance.now() >= this.heldUntil) this.setLeading(false);
    return this.leading;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.redis.listen(CHANNEL);
    const tick = () => {
      if (this.closed) return;
      void this.tryNow().finally(() => {
        if (this.closed) return;
        this.timer = setTimeout(tick, Math.floor(this.leaseMs / 3));
        this.timer.unref();
      });
    };
    tick();
  }

  /** Takes the lease if free, or renews ours. */
  tryNow(released = false): Promise<void> {
    return (this.trying ??= this.attempt(released).finally(() => { this.trying = null; }));
  }

  private async attempt(released: boolean): Promise<void> {
    if (this.closed || (!this.leading && !released && performance.now() < this.holdOffUntil)) return;
    const started = performance.now();
    try {
      const ok = this.leading
        ? (await this.redis.commands.eval(RENEW, 1, KEY, this.token, String(this.leaseMs))) === 1
        : (await this.redis.commands.set(KEY, this.token, 'PX', this.leaseMs, 'NX')) === 'OK';
      if (this.closed) return;
      if (ok) this.heldUntil = started + this.leaseMs;
      this.setLeading(ok);
    } catch {
      // Unreachable: keep leading only while the lease we last got is surely still ours.
      this.isLeader();
    }
  }

  private setLeading(on: boolean): void {
    if (on === this.leading) return;
    this.leading = on;
    this.emit('change', on);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.trying;
    if (this.leading) {
      this.setLeading(false);
      try {
        await this.redis.commands.eval(RELEASE, 1, KEY, this.token);
        await this.redis.publish(CHANNEL, 'released');
      } catch {
        // Unreachable: the lease ends by itself.
      }
    }
  }
}
