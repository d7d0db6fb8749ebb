import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Moves SQLite's WAL checkpoints off the request path. A checkpoint copies the write-ahead log
 * into the database file and fsyncs it; run by the writing connection (SQLite's default, every
 * 1000 pages) it stalls whichever request commits at that moment — on this machine's disk,
 * 10–200 ms. Here a worker thread with its own connection checkpoints every second (PASSIVE:
 * it never blocks readers or writers), so commits only append to the log. The writing
 * connection keeps a far higher automatic threshold as a safety net should the worker stall.
 */
export const SAFETY_NET_PAGES = 16_000;
const INTERVAL_MS = 1000;

// Plain JavaScript, evaluated in the worker: the bundle cannot hold a second entry point.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.path);
db.pragma('busy_timeout = 1000');
const tick = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage(String(e && e.message || e)); }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  tick();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(path: string, onError: (message: string) => void = () => {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, driver, intervalMs: INTERVAL_MS },
    // A loop around one pragma: a small heap keeps the thread's share of the RSS small.
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
  });
  worker.on('message', (m: unknown) => onError(String(m)));
  worker.on('error', (e) => onError(e.message));
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
