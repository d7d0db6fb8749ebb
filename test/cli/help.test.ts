import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EDITION_SETTINGS } from '../../src/services/editions/settings.ts';
import { POLICY_KEYS } from '../../src/services/comments/policy.ts';
import { runCli } from '../support/cli.ts';

const COMMANDS = ['serve', 'migrate', 'import', 'reindex', 'editions', 'user', 'comments', 'export', 'media'];

describe('khabar --help and a wrong command line (the CLI, in its own process)', () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'khabar-help-'));
    // Help and usage errors never open the database: this file must still not exist at the end.
    env = { DATABASE_URL: `sqlite:${join(dir, 'never.sqlite')}` };
  });
  after(() => {
    assert.ok(!existsSync(join(dir, 'never.sqlite')), 'no command line here opened the database');
    rmSync(dir, { recursive: true, force: true });
  });

  it('khabar --help lists every command and the options they all take', async () => {
    const r = await runCli(['--help'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^usage: khabar <command> \[options\]\n/);
    for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c} +\\S`, 'm'), c);
    assert.match(r.stdout, /khabar <command> --help shows a command's own help/);
    assert.match(r.stdout, /^ {2}--database-url U +DATABASE_URL: /m);
    assert.deepEqual(await runCli(['-h'], env), r);
    assert.deepEqual(await runCli(['help'], env), r);
  });

  for (const c of COMMANDS) {
    it(`khabar ${c} --help shows that command's own help, and refuses an unknown option in plain words`, async () => {
      const help = await runCli([c, '--help'], env);
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, new RegExp(`^usage: khabar ${c}\\b`));
      assert.match(help.stdout, /^options of every command/m);
      for (const other of COMMANDS.filter((o) => o !== c)) assert.doesNotMatch(help.stdout, new RegExp(`^usage: khabar ${other}\\b`, 'm'));
      const bad = await runCli([c, '--frobnicate'], env);
      assert.equal(bad.code, 2);
      assert.equal(bad.stdout, '');
      assert.equal(bad.stderr, `khabar: unknown option --frobnicate (see khabar ${c} --help)\n`);
    });
  }

  it('help wins over whatever else is on the line; khabar help COMMAND is the same text', async () => {
    const a = await runCli(['comments', 'policy', 'ar', '--frobnicate', '-h'], env);
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stdout, /^usage: khabar comments list/);
    assert.equal((await runCli(['help', 'comments'], env)).stdout, a.stdout);
  });

  it('says which setting names each command takes, all of them', async () => {
    const editions = (await runCli(['editions', '--help'], env)).stdout;
    for (const k of EDITION_SETTINGS) assert.match(editions, new RegExp(`(^|[ ,])${k}([ ,]|$)`, 'm'), k);
    const comments = (await runCli(['comments', '--help'], env)).stdout;
    for (const k of POLICY_KEYS) assert.match(comments, new RegExp(`(^|[ ,])${k}(,|$)`, 'm'), k);
  });

  it('an unknown command, a missing value, a value given to a switch, a stray argument: one line each, exit 2', async () => {
    const cases: [string[], string][] = [
      [['frobnicate'], 'khabar: unknown command "frobnicate" (see khabar --help)'],
      [['help', 'frobnicate'], 'khabar: unknown command "frobnicate" (see khabar --help)'],
      [['--frobnicate'], 'khabar: unknown option --frobnicate (see khabar --help)'],
      [['user', 'add', '--email'], 'khabar: --email needs a value (see khabar user --help)'],
      [['user', 'add', '--email', '--name', 'X', '--role', 'editor'], 'khabar: --email needs a value (see khabar user --help)'],
      [['user', 'add', '--email', 'a@example.org'], 'khabar: user add needs --email, --name and --role (see khabar user --help)'],
      [['serve', '--port'], 'khabar: --port needs a value (see khabar serve --help)'],
      [['comments', 'list', '--json=yes'], 'khabar: --json takes no value (see khabar comments --help)'],
      [['comments', 'frobnicate'], 'khabar: unknown comments command "frobnicate" (see khabar comments --help)'],
      [['editions', 'set', 'ar', 'digits'], 'khabar: "digits" is not a setting: write key=value (see khabar editions --help)'],
      [['migrate', 'now'], 'khabar: migrate takes no arguments (see khabar migrate --help)'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, env);
      assert.equal(r.stderr, `${message}\n`, args.join(' '));
      assert.equal(r.code, 2, args.join(' '));
    }
  });
});
