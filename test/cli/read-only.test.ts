import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, servingPort } from '../support/cli.ts';

// "npm start never writes into the package folder": a copy of the checkout, built as `npm install`
// builds it, then made read-only, serves pages. Proved two ways, because either alone can be
// fooled: the server runs as a user who cannot write there (root ignores write bits, so as root
// it runs as `nobody` through setpriv; anyone else is held by the bits themselves), and every
// file's size, date and mode is the same afterwards (a write that failed quietly, or one into a
// place left writable by mistake, would still show).

const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '');
const cannot = isRoot && !hasSetpriv ? 'running as root without setpriv (util-linux): cannot drop the right to write' : false;
if (cannot && ci) throw new Error(`read-only test: ${cannot}, and CI must run it`);

/** The checkout's files as a clean clone has them: tracked and new, nothing ignored. */
function checkoutFiles(): string[] {
  const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status === 0) return r.stdout.split('\0').filter((f) => f && existsSync(join(ROOT, f)) && !lstatSync(join(ROOT, f)).isDirectory());
  // Not a git checkout (an unpacked tarball): everything but what git would ignore here.
  const skip = new Set(['node_modules', 'dist', 'data', '.git', '.cache', 'test-results']);
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = join(dir, e.name);
      if (skip.has(e.name) || /\.sqlite/.test(e.name)) return [];
      return e.isDirectory() ? walk(rel) : [rel];
    });
  return walk('');
}

/** path → size, mtime and mode of everything under dir, without following symbolic links. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const st = lstatSync(p);
      out.set(relative(dir, p), `${st.size} ${st.mtimeMs} ${st.mode.toString(8)}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** chmod -R a-w (and readable by all), leaving symbolic links and what they point to alone. */
function makeReadOnly(p: string) {
  const st = lstatSync(p);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    for (const e of readdirSync(p)) makeReadOnly(join(p, e));
    chmodSync(p, 0o555);
  } else chmodSync(p, (st.mode & 0o555) | 0o444);
}

function makeWritable(p: string) {
  const st = lstatSync(p);
  if (st.isSymbolicLink()) return;
  chmodSync(p, st.mode | 0o200);
  if (st.isDirectory()) for (const e of readdirSync(p)) makeWritable(join(p, e));
}

/** The command `npm start` runs, from package.json, as argv for node. */
function startArgs(pkgDir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = pkg.scripts.start.split(/\s+/);
  assert.equal(node, 'node', `npm start is a node command: ${pkg.scripts.start}`);
  return args;
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('a checkout made read-only (SQLite)', { skip: cannot }, () => {
  let tmp: string;
  let pkg: string;
  let data: string;
  let uid: number;
  let gid: number;
  /** argv that runs `argv` as a user who may not write into the copy. */
  const asReader = (argv: string[]) => (isRoot ? ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--', ...argv] : argv);
  const node = (pkgDir: string, args: string[], env: Record<string, string> = {}) =>
    // A time limit: a khabar that built and then served instead of refusing would never return.
    spawnSync(process.execPath, args, { cwd: pkgDir, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', ...env } });

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'khabar-ro-'));
    chmodSync(tmp, 0o755);
    pkg = join(tmp, 'khabar');
    for (const f of checkoutFiles()) {
      mkdirSync(dirname(join(pkg, f)), { recursive: true });
      copyFileSync(join(ROOT, f), join(pkg, f));
      chmodSync(join(pkg, f), lstatSync(join(ROOT, f)).mode & 0o777);
    }
    // Installed packages are shared, not copied (hundreds of MB); they are root's and not
    // writable by the reader either, but the snapshot below does not look into them.
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
    data = join(tmp, 'data');
    mkdirSync(data);
    uid = isRoot ? Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' })) : process.getuid!();
    gid = isRoot ? Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' })) : process.getgid!();
    if (isRoot) chownSync(data, uid, gid);
  });
  after(() => {
    makeWritable(tmp);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('without a build, khabar refuses to start in one line that says how to fix it', () => {
    const r = node(pkg, [join('bin', 'khabar.js'), 'serve'], { DATABASE_URL: `sqlite:${join(tmp, 'unused.sqlite')}` });
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `khabar: dist/khabar.mjs has not been built: run npm run build (in ${pkg})\n`);
    assert.ok(!existsSync(join(pkg, 'dist')), 'nothing was built');
    assert.ok(!existsSync(join(tmp, 'unused.sqlite')), 'nothing was opened');
  });

  it('builds as npm install does (the prepare script), and refuses a source changed since', () => {
    const prepare = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { scripts: { prepare: string } }).scripts.prepare;
    assert.equal(prepare, 'node bin/build.mjs');
    const b = node(pkg, ['bin/build.mjs']);
    assert.equal(b.status, 0, b.stderr);
    assert.ok(existsSync(join(pkg, 'dist', 'khabar.mjs')) && existsSync(join(pkg, 'dist', 'editor.js')));

    const main = join(pkg, 'src', 'main.ts');
    const text = readFileSync(main, 'utf8');
    writeFileSync(main, `${text}\n// edited after the build\n`);
    const stale = node(pkg, [join('bin', 'khabar.js'), '--help']);
    assert.equal(stale.status, 1);
    assert.equal(stale.stderr, `khabar: src/main.ts changed since dist/khabar.mjs was built: run npm run build (in ${pkg})\n`);
    // Only the content counts: the same text with a new date (a copy, a checkout) is not stale.
    // It also leaves a source newer than dist/, which is what made the khabar of old rebuild at
    // start, so the next test would catch that too.
    writeFileSync(main, text);
    const fresh = node(pkg, [join('bin', 'khabar.js'), '--help']);
    assert.equal(fresh.status, 0, fresh.stderr);
  });

  it('serves pages and the newsroom editor from the read-only copy, and writes nothing into it', async () => {
    makeReadOnly(pkg);
    const [probeCmd, ...probeArgs] = asReader([process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(join(pkg, 'probe'))}, 'x')`]);
    const probe = spawnSync(probeCmd!, probeArgs);
    assert.notEqual(probe.status, 0, 'the reader cannot write into the copy: the test would prove nothing otherwise');
    const untouched = snapshot(pkg);

    const [cmd, ...args] = asReader([process.execPath, ...startArgs(pkg)]);
    const child = spawn(cmd!, args, {
      cwd: pkg,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: data,
        DATABASE_URL: `sqlite:${join(data, 'site.sqlite')}`,
        MEDIA_DIR: join(data, 'media'),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const port = await servingPort(child);
      const home = await get(port, '/ar/');
      assert.equal(home.status, 200);
      assert.match(home.body, /<html lang="ar" dir="rtl">/);
      const link = /href="(\/ar\/\d{4}\/\d{2}\/\d{2}\/[^"]+)"/.exec(home.body)?.[1];
      assert.ok(link, 'the home page links an article');
      assert.equal((await get(port, link)).status, 200);
      const editor = readFileSync(join(pkg, 'dist', 'editor.js'));
      const hash = createHash('sha256').update(editor).digest('hex').slice(0, 10);
      const script = await get(port, `/admin/assets/editor.${hash}.js`);
      assert.equal(script.status, 200);
      assert.equal(script.body, editor.toString());
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, out);
    assert.ok(existsSync(join(data, 'site.sqlite')), 'the database went where DATABASE_URL said');
    assert.deepEqual(snapshot(pkg), untouched, 'nothing in the package folder was written, created or removed');
  });
});
