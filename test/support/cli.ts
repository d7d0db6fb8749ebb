import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { urlWithSearchPath } from '../../src/storage/scratch-schema.ts';
import { testDialect } from './runtime.ts';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `khabar …` as a user would (bin/khabar.js), in its own process. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'khabar.js'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The port a `khabar serve` child announces ("serving http://127.0.0.1:PORT/"), read from its
 * output as it arrives; rejects with everything it printed if it exits first.
 */
export function servingPort(child: ChildProcessWithoutNullStreams): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d;
      const m = /serving http:\/\/127\.0\.0\.1:(\d+)\//.exec(seen);
      if (!m) return;
      stop();
      resolve(Number(m[1]));
    };
    const onClose = () => {
      stop();
      reject(new Error(`server exited early:\n${seen}`));
    };
    const stop = () => {
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('close', onClose);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', onClose);
  });
}

/** DATABASE_URL for a second process that must see the test's PostgreSQL schema. */
export { urlWithSearchPath as databaseUrlFor };

/**
 * A site and the CLI on one database: a SQLite file in a fresh folder, or the test's own
 * PostgreSQL schema. `env` is what the CLI needs to reach it.
 */
export async function sharedDatabase<S extends { databaseUrl: string; schema: string | null; close(): Promise<void> }>(
  open: (o: { sqliteFile?: string }) => Promise<S>,
): Promise<{ site: S; dir: string; env: Record<string, string>; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-cli-'));
  const site = await open(testDialect() === 'sqlite' ? { sqliteFile: join(dir, 'site.sqlite') } : {});
  return {
    site,
    dir,
    env: { DATABASE_URL: urlWithSearchPath(site.databaseUrl, site.schema) },
    close: async () => {
      await site.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
