#!/usr/bin/env node
// `npm test`: the whole suite on SQLite, then again on PostgreSQL when TEST_DATABASE_URL names
// one. Suites that cannot run here (no PostgreSQL, no Chromium) say so; under CI=true they fail
// instead, so CI never skips them silently.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const root = join(import.meta.dirname, '..');
const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '');
const only = process.argv.slice(2); // optional file filters: npm test -- router

function findTests(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(p));
    else if (/\.test\.tsx?$/.test(entry.name)) out.push(p);
  }
  return out;
}

const files = ['src', 'test']
  .flatMap((d) => findTests(join(root, d)))
  .map((f) => relative(root, f))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();

// The CLI tests run bin/khabar.js, which starts only from a dist/ that matches the sources (it
// never builds itself): bring dist/ up to date first, as `npm run build` does.
const build = spawnSync(process.execPath, [join(root, 'bin', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('npm test: the build failed, so the tests were not run');
  process.exit(1);
}

function run(label, env) {
  console.log(`\n=== ${label}: ${files.length} test files ===`);
  const tmp = mkdtempSync(join(tmpdir(), 'khabar-test-'));
  const tap = join(tmp, 'report.tap');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=2',
     '--test-reporter=spec', '--test-reporter-destination=stdout',
     '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  const counts = { pass: 0, fail: 0, skipped: 0 };
  if (existsSync(tap)) {
    const text = readFileSync(tap, 'utf8');
    for (const k of Object.keys(counts)) {
      const m = text.match(new RegExp(`^# ${k} (\\d+)$`, 'm'));
      if (m) counts[k] = Number(m[1]);
    }
  }
  rmSync(tmp, { recursive: true, force: true });
  if (r.status !== 0 && counts.fail === 0) counts.fail = 1; // the runner itself failed
  console.log(`${label}: ${counts.pass} passed, ${counts.fail} failed, ${counts.skipped} skipped`);
  return counts;
}

async function dropRunSchemas(url, runId) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE $1", [`khabar_test_${runId}_%`]);
    for (const { nspname } of rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
  } finally {
    await client.end();
  }
}

const total = { pass: 0, fail: 0, skipped: 0 };
const add = (c) => { for (const k of Object.keys(total)) total[k] += c[k]; };

add(run('SQLite', { KHABAR_TEST_DIALECT: 'sqlite' }));

const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl && /^postgres(ql)?:\/\//.test(pgUrl)) {
  // Test schemas carry this run's id and are dropped here, after every file: a DROP SCHEMA in
  // the middle of the run can break another process's migration (test/support/runtime.ts).
  const runId = randomBytes(4).toString('hex');
  add(run('PostgreSQL', { KHABAR_TEST_DIALECT: 'postgres', KHABAR_TEST_RUN: runId }));
  await dropRunSchemas(pgUrl, runId);
} else if (ci) {
  console.error('PostgreSQL suite: TEST_DATABASE_URL is not set, and CI must run it.');
  total.fail += 1;
} else {
  console.log('\nPostgreSQL suite skipped: TEST_DATABASE_URL is not set (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test).');
}

console.log(`\n${total.pass} passed, ${total.fail} failed, ${total.skipped} skipped`);
process.exit(total.fail ? 1 : 0);
