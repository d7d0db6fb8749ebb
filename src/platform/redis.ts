import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { lazyModule } from './lazy-module.ts';

// Loaded only where REDIS_URL is set: a single-machine site never needs the client.
const ioredis = lazyModule<typeof import('ioredis')>('ioredis');

export interface RedisLog {
  warn(msg: string): void;
  info(msg: string): void;
}

/** How long a command may wait on a Redis that stopped answering before the caller falls back. */
const COMMAND_TIMEOUT_MS = 500;

/**
 * The connection to REDIS_URL, for everything several instances share (limits, view counts, the
 * leader lock, write announcements). Redis is a helper, never a dependency: a command fails at once
 * while Redis is unreachable (no offline queue), so every caller falls back to what one instance
 * can do alone; the connection comes back by itself, and each change of state is logged once.
 *
 * Events: `state` (up: boolean) for commands; `subscribed` (up: boolean) for the channel reader;
 * `message` (channel, text).
 */
export class RedisLink extends EventEmitter {
  /** Commands: failing fast while down. */
  readonly commands: Redis;
  /** A connection in subscriber mode (Redis allows nothing else on it). */
  private readonly subscriber: Redis;
  private readonly channels = new Set<string>();
  /** null until the first attempt to connect has ended, either way (a Redis down at start is told too). */
  private up: boolean | null = null;
  private listening = false;
  private closed = false;

  constructor(url: string, private readonly log: RedisLog) {
    super();
    const options = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      // Reconnect forever, quickly at first, then every second.
      retryStrategy: (times: number) => Math.min(50 * times, 1000),
      connectTimeout: 2000,
    };
    const { Redis } = ioredis();
    this.commands = new Redis(url, options);
    // Errors are states here, reported once by `state`: an unhandled `error` would crash the process.
    this.commands.on('error', () => {});
    this.commands.on('ready', () => this.setUp(true));
    this.commands.on('close', () => this.setUp(false));
    this.subscriber = new Redis(url, { ...options, commandTimeout: undefined, enableOfflineQueue: true, autoResubscribe: false });
    this.subscriber.on('error', () => {});
    this.subscriber.on('ready', () => void this.resubscribe());
    this.subscriber.on('close', () => this.setListening(false));
    this.subscriber.on('message', (channel: string, text: string) => this.emit('message', channel, text));
  }

  /** Commands reach Redis now. */
  get isUp(): boolean {
    return this.up === true;
  }

  /** Messages on the channels reach this instance now (a gap means some may have been missed). */
  get isListening(): boolean {
    return this.listening;
  }

  /** Listens to a channel for as long as the link lives, across reconnections. */
  async listen(channel: string): Promise<void> {
    this.channels.add(channel);
    if (this.subscriber.status === 'ready') await this.resubscribe();
  }

  /** Sends a message to every instance listening; false when Redis is unreachable (never throws). */
  async publish(channel: string, text: string): Promise<boolean> {
    if (!this.isUp) return false;
    try {
      await this.commands.publish(channel, text);
      return true;
    } catch {
      return false;
    }
  }

  private async resubscribe(): Promise<void> {
    if (!this.channels.size) return this.setListening(true);
    try {
      await this.subscriber.subscribe(...this.channels);
      this.setListening(true);
    } catch {
      // The connection dropped again: its next `ready` retries.
    }
  }

  private setUp(up: boolean): void {
    if (up === this.up || this.closed) return;
    this.up = up;
    if (up) this.log.info('redis: connected; limits, view counts and the leader lock are shared');
    else this.log.warn('redis: unreachable; limits and view counts are per instance, periodic jobs pause, until it is back');
    this.emit('state', up);
  }

  private setListening(on: boolean): void {
    if (on === this.listening || this.closed) return;
    this.listening = on;
    this.emit('subscribed', on);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.up = false;
    this.listening = false;
    await Promise.all([this.commands, this.subscriber].map((c) => c.quit().catch(() => c.disconnect())));
  }
}
