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
const tick = () => {
  try {
    let [r] = db.pragma('wal_checkpoint(PASSIVE)');
    // The log was not started over since the last pass: commits keep overtaking the checkpoint.
    if (r.log > workerData.behindFrames) {
      fs.fsyncSync(dbFile);
      // A second pass copies what came in during the first, leaving the writer only a little.
      [r] = db.pragma('wal_checkpoint(PASSIVE)');
      fs.fsyncSync(dbFile);
      parentPort.postMessage({ behind: r.log });
    }
  } catch (e) { parentPort.postMessage({ error: String(e && e.message || e) }); }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  tick();
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

export function startCheckpointer(path: string, events: CheckpointerEvents = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, driver, intervalMs: INTERVAL_MS, behindFrames: BEHIND_FRAMES },
    // A loop around one pragma: a small heap keeps the thread's share of the RSS small.
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
  });
  worker.on('message', (m: { behind?: number; error?: string }) => {
    if (m.behind !== undefined) events.onBehind?.(m.behind);
    else events.onError?.(String(m.error));
  });
  worker.on('error', (e) => events.onError?.(e.message));
  worker.unref();
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
