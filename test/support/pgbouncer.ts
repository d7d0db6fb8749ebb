import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from './ports.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Debian's PgBouncer, where the package puts it (PGBOUNCER_PATH to use another). */
export function pgbouncerPath(): string {
  return process.env.PGBOUNCER_PATH || '/usr/sbin/pgbouncer';
}

export interface Bouncer {
  /** A DATABASE_URL through PgBouncer (transaction mode) to a database of the test's own. */
  url: string;
  /** The same database, directly (for the test's own checks). */
  directUrl: string;
  close(): Promise<void>;
}

/**
 * A PgBouncer of the test's own, in transaction mode, on a loopback port, in front of a new
 * database on the test PostgreSQL. Through PgBouncer there is no session state: a schema chosen
 * at connect time (`options`) is refused by 1.18, so the test gets a database, not a schema.
 */
export async function startPgBouncer(testUrl: string, o: { poolSize?: number } = {}): Promise<Bouncer> {
  const server = new URL(testUrl);
  const database = `khabar_pgb_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new pg.Client({ connectionString: testUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();

  const dir = mkdtempSync(join(tmpdir(), 'khabar-pgbouncer-'));
  // Started as root, PgBouncer must drop to another user (-u), who must read its files.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const user = decodeURIComponent(server.username || 'postgres');
  const ini = join(dir, 'pgbouncer.ini');
  writeFileSync(ini, [
    '[databases]',
    `${database} = host=${server.hostname} port=${server.port || 5432} dbname=${database} user=${user}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'auth_type = any',
    'pool_mode = transaction',
    `default_pool_size = ${o.poolSize ?? 3}`,
    'max_client_conn = 200',
    // pg sends it at every connect; PgBouncer would refuse the connection otherwise.
    'ignore_startup_parameters = extra_float_digits',
    `pidfile = ${join(dir, 'pgbouncer.pid')}`,
    '',
  ].join('\n'));
  chmodSync(ini, 0o644);
  const args = process.getuid?.() === 0 ? ['-u', 'postgres', ini] : [ini];
  const child: ChildProcessWithoutNullStreams = spawn(pgbouncerPath(), args, { stdio: 'pipe' });
  let log = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  // Ready when it says it listens on our port (its log goes to stderr).
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d;
      if (log.includes(`listening on 127.0.0.1:${port}`)) {
        child.stderr.off('data', onData);
        resolve();
      }
    };
    child.stderr.on('data', onData);
    child.stdout.on('data', onData);
    child.on('close', () => reject(new Error(`pgbouncer exited:\n${log}`)));
  });
  const url = new URL(testUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  url.pathname = `/${database}`;
  const direct = new URL(testUrl);
  direct.pathname = `/${database}`;
  return {
    url: url.toString(),
    directUrl: direct.toString(),
    async close() {
      child.kill('SIGTERM');
      await exited;
      const a = new pg.Client({ connectionString: testUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await a.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const pgbouncerInstalled = (): boolean => existsSync(pgbouncerPath());
