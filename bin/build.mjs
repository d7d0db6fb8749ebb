// Compiles src/main.ts into dist/khabar.mjs (one ESM file; packages stay external). Run by
// bin/khabar.js in a child process when the sources changed, so esbuild is never loaded into
// the server itself.
import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'khabar.mjs');
// Written aside and renamed: several processes may start (and build) at the same moment.
const tmp = `${outfile}.${process.pid}.tmp.mjs`;
try {
  await build({
    entryPoints: [join(root, 'src', 'main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
    tsconfig: join(root, 'tsconfig.json'),
  });
  renameSync(tmp, outfile);
} catch {
  console.error('khabar: could not compile the sources (see the errors above)');
  process.exit(1);
}
