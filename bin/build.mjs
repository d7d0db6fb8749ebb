// `npm run build` (and `prepare`, which npm runs on `npm install` / `npm ci` in the project):
// compiles, with esbuild,
// - src/main.ts into dist/khabar.mjs: one ESM file for Node, packages left external but for the
//   ESM ones made of hundreds of small files (BUNDLED);
// - src/editor-client/main.ts into dist/editor.js: the newsroom's rich-text editor, one minified
//   ES2020 module for the browser (TipTap and ProseMirror bundled in).
// - the public theme's CSS and JavaScript, precompressed (brotli and gzip) into dist/assets/.
// Each part is rebuilt only when its inputs changed (bin/build-info.mjs); `--force` rebuilds
// both, `--editor` looks at the editor only (the tests, under tsx, call it so).
// This is the only thing that writes into dist/: `khabar` itself never builds (the package
// folder may be read-only), it refuses to start from a missing or stale dist/ instead.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprints, infoPath, PARTS, staleReason } from './build-info.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const args = process.argv.slice(2);
const force = args.includes('--force');
const parts = args.includes('--editor') ? ['editor'] : ['server', 'editor'];
/** Build scripts and settings every part depends on, besides what esbuild reports. */
const CONFIG = ['bin/build.mjs', 'bin/build-info.mjs'];

// Written aside and renamed: several processes may start (and build) at the same moment.
const aside = (file) => `${file}.${process.pid}.tmp`;

/** The package.json of the package a bundled node_modules file belongs to. */
function packageJsonOf(input) {
  const parts = input.split('/');
  const i = parts.lastIndexOf('node_modules');
  const name = parts[i + 1]?.startsWith('@') ? parts.slice(i + 1, i + 3) : parts.slice(i + 1, i + 2);
  return [...parts.slice(0, i + 1), ...name, 'package.json'].join('/');
}

/** The build record, written last: it vouches for outputs already in place. */
function record(part, inputs, extra) {
  const ours = inputs.filter((f) => !f.split('/').includes('node_modules'));
  const theirs = inputs.filter((f) => f.split('/').includes('node_modules')).map(packageJsonOf);
  const file = infoPath(root, part);
  writeFileSync(aside(file), JSON.stringify({ sources: fingerprints(root, [...ours, ...CONFIG, ...extra]), packages: fingerprints(root, theirs) }, null, 1));
  renameSync(aside(file), file);
}

/**
 * Packages left to Node rather than bundled into dist/khabar.mjs: native addons, which load their
 * compiled .node file from their own folder. Everything else that a start loads is bundled, so
 * that it is one file and only what is used: Node otherwise resolves, reads and compiles each
 * package's files one by one at every start — Kysely and TypeBox (ESM, ≈270 and ≈700 modules),
 * Fastify, its plugins, Ajv and pino (CommonJS, hundreds more): about a third of a cold start's
 * CPU. Libraries loaded at first use (`lazyModule`, a `require` by name) are not seen by the
 * bundler and stay Node's too.
 */
const EXTERNAL = ['better-sqlite3', 'sharp', '@node-rs/argon2'];

/** Leaves EXTERNAL and Node's own modules to Node (esbuild's `external`, by package). */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return EXTERNAL.includes(name) ? { external: true } : undefined;
    });
  },
};

async function buildServer(esbuild) {
  const outfile = join(root, PARTS.server[0]);
  // Built in a folder of its own, so the map keeps the name the module points to.
  const tmpDir = aside(join(dist, 'server'));
  const tmp = join(tmpDir, 'khabar.mjs');
  const result = await esbuild.build({
    entryPoints: [join(root, 'src', 'main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [externalPackages],
    // The bundled CommonJS packages require() Node's own modules; an ES module has no require.
    banner: { js: "import { createRequire as __khabarCreateRequire } from 'node:module';\nconst require = __khabarCreateRequire(import.meta.url);" },
    // A separate map without the sources (they ship beside it): inline, the map is part of the
    // module's source text, which V8 keeps in memory for the process's life (≈11 MB of RSS).
    sourcemap: 'linked',
    // Whitespace and syntax only: the module's source text stays in V8's heap for the process's
    // life, and read at start it leaves malloc holding on to freed memory about twice its size
    // (glibc raises its mmap and trim thresholds to the largest block freed). 4.2 → 2.8 MB; with
    // names kept as written, stack traces still name every function (positions: the map).
    minifyWhitespace: true,
    minifySyntax: true,
    sourcesContent: false,
    metafile: true,
    // Input paths in the metafile are relative to this: the package root, whatever the cwd.
    absWorkingDir: root,
    logLevel: 'error',
    tsconfig: join(root, 'tsconfig.json'),
  });
  asciiOnly(tmp);
  // The map's sources are relative to the folder it was written in, one level below dist/: made
  // relative to dist/, where it goes, or --enable-source-maps names files beside the package.
  const map = JSON.parse(readFileSync(`${tmp}.map`, 'utf8'));
  map.sources = map.sources.map((s) => relative(dirname(outfile), resolve(tmpDir, s)).split(sep).join('/'));
  writeFileSync(`${tmp}.map`, JSON.stringify(map));
  // The map first: a process that sees the new module finds its map.
  renameSync(`${tmp}.map`, `${outfile}.map`);
  renameSync(tmp, outfile);
  rmSync(tmpDir, { recursive: true, force: true });
  record('server', Object.keys(result.metafile.inputs), ['tsconfig.json']);
}

/**
 * Escapes what esbuild leaves outside ASCII (comments, regular expression literals) as \uXXXX.
 * V8 keeps a module's source for the process's life, and one character above U+00FF makes all of
 * it a two-byte string: 4.4 MB for a 2.2 MB bundle, where a handful of Arabic letters in regular
 * expressions and dashes in comments were the only such characters. The escape means the same
 * character in a string, template, regular expression or identifier, and nothing in a comment;
 * only a raw template (String.raw, `.raw`) or a character escaped with a backslash would read it
 * differently, and a build with either stops.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(text)) return;
  if (/String\.raw|\.raw\s*\[/.test(text)) throw new Error(`${file}: a raw template string, and characters beyond ASCII that escaping would change there`);
  // After a backslash (an identity escape, `\é`), the escape would be read as a backslash and `u…`.
  if (/\\[^\x00-\x7f]/.test(text)) throw new Error(`${file}: a backslash before a character beyond ASCII, which escaping would change`);
  writeFileSync(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

async function buildEditor(esbuild) {
  const outfile = join(root, PARTS.editor[0]);
  const tmp = `${aside(outfile)}.js`;
  const result = await esbuild.build({
    entryPoints: [join(root, 'src', 'editor-client', 'main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2020',
    minify: true,
    legalComments: 'eof', // keep the licence notices the packages mark
    metafile: true,
    absWorkingDir: root,
    logLevel: 'error',
    tsconfig: join(root, 'src', 'editor-client', 'tsconfig.json'),
  });
  renameSync(tmp, outfile);
  record('editor', Object.keys(result.metafile.inputs), ['src/editor-client/tsconfig.json']);
}

/**
 * The public theme's CSS and JavaScript, compressed once here (brotli at its best level costs
 * far too much to do at start) as dist/assets/<served name>.br and .gz. The served name holds a
 * hash of the served bytes (src/web/assets.ts makes it the same way: the CSS with its font URLs
 * filled in), so a file here can never be served for other bytes: a stale one is just not found,
 * and the site then sends gzip made at start, without brotli.
 */
function precompressThemeAssets() {
  const themeDir = join(root, 'src', 'theme', 'assets');
  const out = join(dist, 'assets');
  const hashed = (name, body) => {
    const dot = name.lastIndexOf('.');
    return `${name.slice(0, dot)}.${createHash('sha256').update(body).digest('hex').slice(0, 10)}${name.slice(dot)}`;
  };
  const fontDir = join(createRequire(import.meta.url).resolve('@fontsource/noto-naskh-arabic/package.json'), '..', 'files');
  const fonts = {};
  for (const weight of ['400', '700']) fonts[`naskh-${weight}`] = `/assets/${hashed(`naskh-arabic-${weight}.woff2`, readFileSync(join(fontDir, `noto-naskh-arabic-arabic-${weight}-normal.woff2`)))}`;
  const css = Buffer.from(readFileSync(join(themeDir, 'site.css'), 'utf8').replace(/\{\{font:([\w-]+)\}\}/g, (m, k) => fonts[k] ?? m));
  mkdirSync(out, { recursive: true });
  for (const [name, body] of [['site.css', css], ['site.js', readFileSync(join(themeDir, 'site.js'))]]) {
    const file = join(out, hashed(name, body));
    if (existsSync(`${file}.br`) && existsSync(`${file}.gz`)) continue;
    const br = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
    writeFileSync(aside(`${file}.br`), br);
    renameSync(aside(`${file}.br`), `${file}.br`);
    writeFileSync(aside(`${file}.gz`), gzipSync(body, { level: 9 }));
    renameSync(aside(`${file}.gz`), `${file}.gz`);
  }
}
precompressThemeAssets();

const todo = parts.filter((p) => force || staleReason(root, p, { packages: true }));
if (!todo.length) {
  if (!args.includes('--editor')) console.log('khabar: dist/ is up to date');
  process.exit(0);
}

let esbuild;
try {
  esbuild = await import('esbuild');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  // A production install (npm ci --omit=dev) still runs `prepare`, without esbuild: fine when
  // dist/ was built before (and shipped) and matches the sources.
  const stale = parts.map((p) => staleReason(root, p)).filter(Boolean);
  if (!stale.length) {
    console.log('khabar: esbuild is not installed (a production install?); dist/ matches the sources and is kept');
    process.exit(0);
  }
  console.error(`khabar: cannot build dist/ (${stale[0]}): esbuild is not installed. Build where the devDependencies are installed (npm ci, or npm install, then npm run build) and ship dist/ with the package`);
  process.exit(1);
}

const started = performance.now();
try {
  if (todo.includes('server')) await buildServer(esbuild);
  if (todo.includes('editor')) await buildEditor(esbuild);
} catch {
  console.error('khabar: could not compile the sources (see the errors above)');
  process.exit(1);
}
console.log(`khabar: built ${todo.map((p) => PARTS[p][0]).join(' and ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
