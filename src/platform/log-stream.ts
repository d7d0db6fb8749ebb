import { write, writeSync } from 'node:fs';

const PINO_METADATA = Symbol.for('pino.metadata');
const ERROR_LEVEL = 50;

/**
 * Where the server's log lines go (pino's `stream`): gathered in memory and written to the file
 * descriptor asynchronously, a chunk of `minLength` characters at a time, so an access line per
 * request costs the reader no system call and no wait on a slow disk or pipe. Lines are written
 * in order. An error (level ≥ 50) is written at once — synchronously when no chunk is in flight,
 * else right after it — and a quiet site's lines wait `maxDelayMs` at most. `end()` (at SIGTERM,
 * after the server closed) writes what is left: nothing logged before it is lost.
 */
export class BufferedLogStream {
  /** Asks pino to set `lastLevel` before each write (how errors are told apart). */
  readonly [PINO_METADATA] = true;
  lastLevel = 0;
  private buffer = '';
  private inFlight: Promise<void> | null = null;
  private urgent = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly fd: number,
    private readonly options: { minLength: number; maxDelayMs: number } = { minLength: 16 * 1024, maxDelayMs: 1000 },
  ) {}

  write(line: string): boolean {
    this.buffer += line;
    if (this.lastLevel >= ERROR_LEVEL) this.writeNow();
    else if (this.buffer.length >= this.options.minLength) this.flush();
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
    if (!this.buffer) return;
    const chunk = Buffer.from(this.buffer);
    this.buffer = '';
    for (let at = 0; at < chunk.length; ) at += writeSync(this.fd, chunk, at);
  }

  private writeNow(): void {
    if (this.inFlight) this.urgent = true;
    else this.flushSync();
  }

  private flush(): void {
    this.clearTimer();
    if (this.inFlight || !this.buffer) return;
    const chunk = Buffer.from(this.buffer);
    this.buffer = '';
    this.urgent = false;
    this.inFlight = this.writeAll(chunk).then(() => {
      this.inFlight = null;
      if (this.urgent || this.buffer.length >= this.options.minLength) this.flush();
      else if (this.buffer) this.later();
    });
  }

  private async writeAll(chunk: Buffer): Promise<void> {
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
