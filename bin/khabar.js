#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=50 --v8-pool-size=1 --enable-source-maps
// Entry point of `khabar` / `npm start`: runs dist/khabar.mjs, which `npm install` / `npm ci`
// (the `prepare` script) or `npm run build` made. It never builds and never writes into the
// package folder, which may be read-only (a container image, a deployment owned by another
// user); a missing or out-of-date dist/ stops it with one line saying how to fix it.
// --max-semi-space-size=2 (MiB; here and in `npm start`): V8's young generation otherwise grows to
// tens of MB under load; capped, the server stays near 130 MB with equal or better throughput
// (measured with npm run bench).
// --heap-growing-percent=50 (here and in `npm start`): after each full collection V8 lets the old
// generation grow to up to four times what was live before the next one; under load that was
// 60–85 MB of garbage over ~25 MB live. Half again as much keeps it near 30 MB, for as little CPU
// per request (measured with npm run bench, A/B: server RSS after load 137–167 → 119–123 MiB).
// --v8-pool-size=1 (here, in `npm start` and the systemd unit): under load malloc_stats showed four
// idle thread arenas holding 12 MB with 0.2 MB in use — most likely V8's four helper threads
// (concurrent marking, background compiling), each keeping the few MB it once used.
// One is enough beside the main thread on the two cores this runs on: server RSS after load
// 123–130 → 118–120 MiB (10,000 articles), req/s within the run-to-run noise.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { staleReason } from './build-info.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The editor bundle too: a server with a stale editor would hand the newsroom the old editor.
const problem = staleReason(root, 'server') ?? staleReason(root, 'editor');
if (problem) {
  console.error(`khabar: ${problem}: run npm run build (in ${root})`);
  process.exit(1);
}
// `khabar import` holds one batch of posts at a time, yet V8 lets the old generation grow far past
// that while a fast import allocates (a 20,000-post WordPress import peaked at 267 MiB resident;
// 155 MiB with its heap capped). So it runs in a worker thread whose heap is capped at
// IMPORT_HEAP_MIB (192 by default) — a thread, not a child process, so that a signal or a kill -9
// ends the import with the command, as it always did — unless node was given a heap size.
const heapGiven = /--max-old-space-size/.test(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`);
if (isMainThread && process.argv[2] === 'import' && !heapGiven) {
  const asked = Number(process.env.IMPORT_HEAP_MIB ?? 192);
  const mib = Number.isInteger(asked) && asked >= 8 ? asked : 192;
  // The young-generation cap of the first line (--max-semi-space-size=2) is the server's. V8
  // gives every thread's heap the flag's size, over the threads' own limits, so it is lifted
  // for the threads the import starts: a post's strings are made and dropped many times over
  // while it is converted, and with 2 MiB the import collected 4,100 + 2,070 times (its two
  // threads) for 20,000 posts, against 1,830 + 280, at 17 % more CPU (runs interleaved).
  setFlagsFromString('--max-semi-space-size=0');
  const worker = new Worker(fileURLToPath(import.meta.url), {
    argv: process.argv.slice(2),
    resourceLimits: { maxOldGenerationSizeMb: mib },
    workerData: { stderrIsTTY: process.stderr.isTTY === true, columns: process.stderr.columns },
  });
  worker.on('error', (e) => {
    console.error(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `khabar: the import needed more than its ${mib} MiB of heap: run it again with IMPORT_HEAP_MIB=${mib * 2}` : `khabar: unexpected error: ${e.stack ?? e}`);
    process.exit(1);
  });
  worker.on('exit', (code) => process.exit(code));
} else {
  // In the import's worker, stderr is a pipe to the command's: it draws the progress bar where the command's stderr is a terminal.
  if (!isMainThread && workerData?.stderrIsTTY) Object.assign(process.stderr, { isTTY: true, columns: workerData.columns });
  const { main } = await import(pathToFileURL(join(root, 'dist', 'khabar.mjs')).href);
  await main(process.argv.slice(2));
}
