import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/cli/bootstrap.ts';
import { verifyPassword } from '../../src/services/users/passwords.ts';
import { ROOT, runCli, servingPort } from '../support/cli.ts';

/** Starts `khabar serve`, collects its output until it is serving, then stops it. */
async function serveOutput(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'khabar.js'), 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.on('close', resolve));
  await servingPort(child);
  child.kill('SIGTERM');
  await exited;
  return out;
}

// SQLite files only: the point is what a person sees at the terminal, the same on either database.
describe('khabar user (SQLite)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'khabar-users-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the first start tells how to create an account; user add prints a working password once', async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'site.sqlite')}` };
    const first = await serveOutput(env);
    assert.match(first, /no one can log in to the newsroom yet; create the first account with:\n {2}node bin\/khabar\.js user add --email you@example\.org --name "Your Name" --role administrator/);

    const add = await runCli(['user', 'add', '--email', 'Rania@Example.org', '--name', 'رانيا خليل', '--role', 'administrator'], env);
    assert.equal(add.code, 0, add.stderr);
    const m = add.stdout.match(/^password: (\S{20})$/m);
    assert.ok(m, add.stdout);
    assert.match(add.stdout, /created administrator rania@example\.org \(رانيا خليل\)/);

    const rt = await openRuntime(loadConfig(env));
    const stored = await rt.repos.accounts.byEmail('rania@example.org');
    await rt.close();
    assert.match(stored!.passwordHash!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(stored!.passwordHash!, m[1]!), true);
    assert.ok(!stored!.passwordHash!.includes(m[1]!));

    const list = await runCli(['user', 'list'], env);
    assert.match(list.stdout, /^rania@example\.org\tadministrator\tرانيا خليل$/m);
    assert.doesNotMatch(list.stdout, new RegExp(m[1]!), 'the password is never shown again');

    assert.doesNotMatch(await serveOutput(env), /no one can log in/);
  });

  it('set-role changes a role; bad input gets one clear line and exit code 1', async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'roles.sqlite')}` };
    assert.equal((await runCli(['user', 'add', '--email', 'w@example.org', '--name', 'Writer', '--role', 'contributor'], env)).code, 0);
    const set = await runCli(['user', 'set-role', '--email', 'w@example.org', '--role', 'author'], env);
    assert.equal(set.stdout.trim(), 'w@example.org is now author');
    const dup = await runCli(['user', 'add', '--email', 'W@example.org', '--name', 'Again', '--role', 'editor'], env);
    assert.equal(dup.code, 1);
    assert.equal(dup.stderr.trim(), 'khabar: an account with the e-mail w@example.org already exists');
    const role = await runCli(['user', 'add', '--email', 'x@example.org', '--name', 'X', '--role', 'boss'], env);
    assert.equal(role.stderr.trim(), 'khabar: role: must be one of administrator, editor, author, contributor');
    const email = await runCli(['user', 'add', '--email', 'not-an-email', '--name', 'X', '--role', 'editor'], env);
    assert.equal(email.stderr.trim(), 'khabar: email: must be an e-mail address such as name@example.org');
    const missing = await runCli(['user', 'set-role', '--email', 'nobody@example.org', '--role', 'editor'], env);
    assert.equal(missing.stderr.trim(), 'khabar: account nobody@example.org not found');
  });
});
