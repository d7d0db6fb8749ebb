import { write, writeSync } from 'node:fs';

const PINO_METADATA = Symbol.for('pino.metadata');
const ERROR_LEVEL = 50;

/**
 * Where the server's log lines go (pino's `stream`): gathered in memory and written to the file
 * descriptor asynchronously, a chunk of `minLength` bytes at a time, so an access line per
 * request costs the reader no system call and no wait on a slow disk or pipe. Lines are written
 * in order. An error (level ≥ 50) is written at once — synchronously when no chunk is in flight,
 * else right after it — and a quiet site's lines wait `maxDelayMs` at most. `end()` (at SIGTERM,
 * after the server closed) writes what is left: nothing logged before it is lost.
 *
 * Each line is encoded into the chunk's buffer as it comes, not kept as a string until the
 * chunk is written: a hundred lines held that long outlived the young generation's collections
 * and were copied to the old one (1.1 KB per request of the article-page bench), whose
 * collections then paused the server. A chunk of 64 KB is about 350 access lines: each write
 * wakes a thread of libuv's pool, which on a busy machine is not free either.
 */
export class BufferedLogStream {
  /** Asks pino to set `lastLevel` before each write (how errors are told apart). */
  readonly [PINO_METADATA] = true;
  lastLevel = 0;
  /** Full chunks waiting for the one in flight, in order. */
  private readonly queued: Buffer[] = [];
  private chunk: Buffer;
  private used = 0;
  /** Chunks written, to fill again (a fresh 128 KB buffer is an mmap and a munmap). */
  private readonly spare: Buffer[] = [];
  private inFlight: Promise<void> | null = null;
  private urgent = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly fd: number,
    private readonly options: { minLength: number; maxDelayMs: number } = { minLength: 64 * 1024, maxDelayMs: 1000 },
  ) {
    this.chunk = Buffer.allocUnsafeSlow(this.capacity());
  }

  write(line: string): boolean {
    // A UTF-16 code unit is at most three bytes of UTF-8.
    if (line.length * 3 > this.chunk.length - this.used) this.seal(line.length * 3);
    this.used += this.chunk.write(line, this.used);
    if (this.lastLevel >= ERROR_LEVEL) this.writeNow();
    else if (this.used >= this.options.minLength) this.flush();
    else this.later();
    return true;
  }

  /** Writes everything gathered so far and resolves once it is written (the server is closed by then). */
  async end(): Promise<void> {
    this.clearTimer();
    while (this.inFlight) await this.inFlight;
    this.flushSync();
  }

  /** The rest, synchronously: for the process's 'exit', when no asynchronous write can finish. */
  flushSync(): void {
    const chunks = this.take();
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.length; ) at += writeSync(this.fd, chunk, at);
    }
    this.recycle(chunks);
  }

  private capacity(): number {
    return Math.max(4096, this.options.minLength * 2);
  }

  /** Queues the chunk filled so far and starts a new one with room for `bytes` at least. */
  private seal(bytes: number): void {
    if (this.used) this.queued.push(this.chunk.subarray(0, this.used));
    this.chunk = (bytes <= this.capacity() && this.spare.pop()) || Buffer.allocUnsafeSlow(Math.max(this.capacity(), bytes));
    this.used = 0;
  }

  private recycle(written: Buffer[]): void {
    for (const c of written) {
      if (this.spare.length < 2 && c.byteOffset === 0 && c.buffer.byteLength === this.capacity()) this.spare.push(Buffer.from(c.buffer));
    }
  }

  /** Everything not yet written, in order; the buffers are the caller's from now on. */
  private take(): Buffer[] {
    if (this.used) this.seal(0);
    return this.queued.splice(0);
  }

  private writeNow(): void {
    if (this.inFlight) this.urgent = true;
    else this.flushSync();
  }

  private flush(): void {
    this.clearTimer();
    if (this.inFlight || (!this.used && !this.queued.length)) return;
    const chunks = this.take();
    this.urgent = false;
    this.inFlight = this.writeAll(chunks).then(() => {
      this.inFlight = null;
      this.recycle(chunks);
      if (this.urgent || this.queuedBytes() >= this.options.minLength) this.flush();
      else if (this.used || this.queued.length) this.later();
    });
  }

  private queuedBytes(): number {
    let n = this.used;
    for (const c of this.queued) n += c.length;
    return n;
  }

  private async writeAll(chunks: Buffer[]): Promise<void> {
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.length; ) {
        try {
          at += await new Promise<number>((resolve, reject) => write(this.fd, chunk, at, chunk.length - at, null, (e, n) => (e ? reject(e) : resolve(n))));
        } catch (e) {
          // A non-blocking pipe that is full: try again shortly. Anything else: the lines cannot be
          // written anywhere, and throwing here would take the site down for its log.
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return;
          await new Promise((r) => setTimeout(r, 10));
        }
      }
    }
  }

  /** A few lines on a quiet site: written within maxDelayMs (the timer keeps no process alive). */
  private later(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.options.maxDelayMs).unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
