#!/usr/bin/env -S node --max-semi-space-size=2 --enable-source-maps
// Entry point of `khabar` / `npm start`: runs dist/khabar.mjs, which `npm install` / `npm ci`
// (the `prepare` script) or `npm run build` made. It never builds and never writes into the
// package folder, which may be read-only (a container image, a deployment owned by another
// user); a missing or out-of-date dist/ stops it with one line saying how to fix it.
// --max-semi-space-size=2 (MiB; here and in `npm start`): V8's young generation otherwise grows to
// tens of MB under load; capped, the server stays near 130 MB with equal or better throughput
// (measured with npm run bench).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleReason } from './build-info.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The editor bundle too: a server with a stale editor would hand the newsroom the old editor.
const problem = staleReason(root, 'server') ?? staleReason(root, 'editor');
if (problem) {
  console.error(`khabar: ${problem}: run npm run build (in ${root})`);
  process.exit(1);
}
const { main } = await import(pathToFileURL(join(root, 'dist', 'khabar.mjs')).href);
await main(process.argv.slice(2));
