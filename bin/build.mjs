// Compiles, with esbuild, in a child process of whoever needs it (so esbuild is never loaded
// into the server itself):
// - src/main.ts into dist/khabar.mjs (one ESM file for Node; packages stay external). Run by
//   bin/khabar.js when a source file is newer than it.
// - src/editor-client/main.ts into dist/editor.js: the newsroom's rich-text editor, one
//   minified ES2020 module for the browser (TipTap and ProseMirror bundled in). Rebuilt only
//   when one of the files it was built from changed (listed in dist/editor.inputs.json).
// `node bin/build.mjs --editor` does the second one only (the tests, under tsx, call it so).
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const editorOnly = process.argv.includes('--editor');

// Written aside and renamed: several processes may start (and build) at the same moment.
const aside = (file) => `${file}.${process.pid}.tmp`;

async function buildServer() {
  const outfile = join(dist, 'khabar.mjs');
  // Built in a folder of its own, so the map keeps the name the module points to.
  const tmpDir = aside(join(dist, 'server'));
  const tmp = join(tmpDir, 'khabar.mjs');
  await build({
    entryPoints: [join(root, 'src', 'main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // A separate map without the sources (they ship beside it): inline, the map is part of the
    // module's source text, which V8 keeps in memory for the process's life (≈11 MB of RSS).
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'error',
    tsconfig: join(root, 'tsconfig.json'),
  });
  // The map first: a process that sees the new module finds its map.
  renameSync(`${tmp}.map`, `${outfile}.map`);
  renameSync(tmp, outfile);
  rmSync(tmpDir, { recursive: true, force: true });
}

const editorOut = join(dist, 'editor.js');
const editorInputs = join(dist, 'editor.inputs.json');
const editorTsconfig = join(root, 'src', 'editor-client', 'tsconfig.json');

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Infinity; // a missing input (deleted or renamed) also means "rebuild"
  }
};

function editorStale() {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(editorInputs, 'utf8'));
  } catch {
    return true;
  }
  const builtAt = statSync(editorOut, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return [...inputs, 'bin/build.mjs', 'src/editor-client/tsconfig.json'].some((f) => mtime(join(root, f)) > builtAt);
}

async function buildEditor() {
  const tmp = `${aside(editorOut)}.js`;
  const result = await build({
    entryPoints: [join(root, 'src', 'editor-client', 'main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2020',
    minify: true,
    legalComments: 'eof', // keep the licence notices the packages mark
    metafile: true,
    // Input paths in the metafile are relative to this: the package root, whatever the cwd.
    absWorkingDir: root,
    logLevel: 'error',
    tsconfig: editorTsconfig,
  });
  // Inputs first, then the bundle: a reader that sees the new bundle also sees its inputs.
  const inputsTmp = aside(editorInputs);
  writeFileSync(inputsTmp, JSON.stringify(Object.keys(result.metafile.inputs)));
  renameSync(inputsTmp, editorInputs);
  renameSync(tmp, editorOut);
}

try {
  if (!editorOnly) await buildServer();
  if (editorStale()) await buildEditor();
} catch {
  console.error('khabar: could not compile the sources (see the errors above)');
  process.exit(1);
}
