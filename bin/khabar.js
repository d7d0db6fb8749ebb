#!/usr/bin/env node
// Entry point of `khabar` / `npm start`. Compiles the TypeScript sources into one ESM file with
// esbuild (a few milliseconds) and runs it, so no separate build step is ever needed.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'khabar.mjs');
mkdirSync(dirname(outfile), { recursive: true });
try {
  await build({
    entryPoints: [join(root, 'src', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
    tsconfig: join(root, 'tsconfig.json'),
  });
} catch {
  console.error('khabar: could not compile the sources (see the errors above)');
  process.exit(1);
}
const { main } = await import(pathToFileURL(outfile).href);
await main(process.argv.slice(2));
