import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Moves SQLite's WAL checkpoints off the request path. A checkpoint copies the write-ahead log
 * into the database file and fsyncs it; run by the writing connection (SQLite's default, every
 * 1000 pages) it stalls whichever request commits at that moment — on this machine's disk,
 * 10–200 ms. Here a worker thread with its own connection checkpoints several times a second
 * (PASSIVE: it never blocks readers or writers), so commits only append to the log.
 *
 * Under a steady stream of writes a PASSIVE checkpoint never quite finishes — commits land
 * while it fsyncs — and SQLite only starts the log over once every frame is in the database
 * file. The log would grow until the writer's safety net made one request pay for a large
 * checkpoint (measured: two fsyncs of ~25 ms each, about once a second at 3,000 comment posts/s).
 * So when the worker reports that it was overtaken, the writing connection checkpoints the few
 * frames committed since, between requests: a millisecond or two, and the log starts over.
 */
export const SAFETY_NET_PAGES = 16_000;
const INTERVAL_MS = 250;
/** A log this long (SQLite's own checkpoint size, 4 MB) was not started over since the last pass. */
const BEHIND_FRAMES = 1000;

// Plain JavaScript, evaluated in the worker: the bundle cannot hold a second entry point.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.path);
db.pragma('busy_timeout = 1000');
// SQLite syncs the database file only in a pass that copies the whole log; passes overtaken by
// commits leave their copied pages unsynced, for whoever finishes. Syncing them here, off the
// request path, leaves the writer only its own few pages to sync.
const dbFile = fs.openSync(workerData.path, 'r');
// The passes of one round. SQLite answers each with the log's length and how much of it is now in
// the database file.
const passes = () => {
  let [r] = db.pragma('wal_checkpoint(PASSIVE)');
  // The log was not started over since the last pass: commits keep overtaking the checkpoint.
  if (r.log <= workerData.behindFrames) return { log: r.log, checkpointed: r.checkpointed, behind: false };
  fs.fsyncSync(dbFile);
  // A second pass copies what came in during the first, leaving the writer only a little.
  [r] = db.pragma('wal_checkpoint(PASSIVE)');
  fs.fsyncSync(dbFile);
  return { log: r.log, checkpointed: r.checkpointed, behind: true };
};
// afterPasses MUST post before 'behind' because a test holding a read transaction open through
// the passes ends it when that message arrives, before the writer acts on 'behind'.
const tick = (afterPasses) => {
  try {
    const r = passes();
    afterPasses(r);
    if (r.behind) parentPort.postMessage({ behind: r.log });
  } catch (e) { parentPort.postMessage({ error: String(e && e.message || e) }); }
};
// Tests run each round themselves (ManualTicks): what they assert cannot depend on the timer.
const timer = workerData.manual ? undefined : setInterval(() => tick(() => {}), workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'tick') {
    tick((r) => parentPort.postMessage({ passes: r }));
    parentPort.postMessage({ ticked: true });
    return;
  }
  if (m !== 'stop') return;
  clearInterval(timer);
  tick(() => {});
  db.close();
  fs.closeSync(dbFile);
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export interface CheckpointerEvents {
  onError?: (message: string) => void;
  /** Commits keep overtaking the worker's checkpoints; the log has grown to this many frames. */
  onBehind?: (frames: number) => void;
}

/** What one round of the worker's passes left: SQLite's answer to the last pass. */
export interface CheckpointRound {
  /** Frames in the write-ahead log (since it was last started over). */
  log: number;
  /** How many of them are in the database file. */
  checkpointed: number;
  /** The log was long, so the worker asked the writing connection to finish the checkpoint. */
  behind: boolean;
}

type WorkerMessage =
  | { behind: number }
  | { error: string }
  | { passes: CheckpointRound }
  | { ticked: true };

/**
 * Drives the worker by hand instead of its timer, for tests: each round runs when the test asks,
 * so what a test sees never depends on how busy the machine is (a 2-core machine under load once
 * gave the timer too few turns in a fixed 1.5 s).
 */
export class ManualTicks {
  #worker: Worker | undefined;
  #round:
    | { afterPasses: () => void; resolve: (r: CheckpointRound) => void; reject: (e: Error) => void; result?: CheckpointRound; error?: string }
    | undefined;

  /**
   * Runs one round. `afterPasses` runs as soon as the worker's passes are done, before the writing
   * connection hears whether it must finish the checkpoint; the promise settles after it has.
   */
  run(afterPasses: () => void = () => {}): Promise<CheckpointRound> {
    const worker = this.#worker;
    if (!worker) return Promise.reject(new Error('ManualTicks: no checkpointer was started with these ticks'));
    if (this.#round) return Promise.reject(new Error('ManualTicks: one round at a time'));
    return new Promise((resolve, reject) => {
      this.#round = { afterPasses, resolve, reject };
      worker.ref(); // the worker's answer is all this process may be waiting for
      worker.postMessage('tick');
    });
  }

  /** startCheckpointer hands its worker over, and the worker's messages about a round. */
  attach(worker: Worker): void {
    this.#worker = worker;
  }

  heard(m: WorkerMessage): void {
    const round = this.#round;
    if (!round) return;
    if ('passes' in m) {
      round.result = m.passes;
      round.afterPasses();
    } else if ('error' in m) {
      round.error = m.error;
    } else if ('ticked' in m) {
      this.#round = undefined;
      this.#worker?.unref();
      if (round.result) round.resolve(round.result);
      else round.reject(new Error(`the checkpoint round failed: ${round.error ?? 'no answer'}`));
    }
  }
}

export function startCheckpointer(path: string, events: CheckpointerEvents = {}, ticks?: ManualTicks): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, driver, intervalMs: INTERVAL_MS, behindFrames: BEHIND_FRAMES, manual: ticks !== undefined },
    // A loop around one pragma: a small heap keeps the thread's share of the RSS small.
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
  });
  worker.on('message', (m: WorkerMessage) => {
    if ('behind' in m) events.onBehind?.(m.behind);
    else if ('error' in m) events.onError?.(m.error);
    ticks?.heard(m);
  });
  worker.on('error', (e) => events.onError?.(e.message));
  worker.unref();
  ticks?.attach(worker);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.ref(); // the last checkpoint must finish before the process may end
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
