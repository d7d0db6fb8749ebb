import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { loadConfig, type S3Location } from '../../src/config.ts';
import { freePort } from './ports.ts';

export interface S3Server {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  bucket: string;
  /** What a process needs to reach `s3://bucket/prefix` here (MEDIA_STORE and the S3_* variables). */
  env(prefix: string): Record<string, string>;
  /** The same, parsed as the configuration does (for in-process sites). */
  location(prefix: string): S3Location;
  /** PUTs answered so far. */
  readonly puts: number;
  /**
   * From the PUT after `n` more on, every request has its connection cut (a store that dies
   * part-way through an upload) until `heal()`.
   */
  failAfterPuts(n: number): void;
  heal(): void;
  close(): Promise<void>;
}

const KEY = 'S3RVER';

/**
 * s3rver (an S3-compatible server) in this process, on a loopback port, with one bucket, its
 * files in a throwaway folder. Requests pass through a gate the test can close: cut connections,
 * as a store that went away does.
 */
export async function startS3(bucket = 'khabar-media'): Promise<S3Server> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-s3-'));
  const s3 = new S3rver({ directory: dir, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  await s3.configureBuckets();
  const handle = s3.callback();
  let puts = 0;
  let failAt = Infinity;
  let failing = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'PUT' && ++puts > failAt) failing = true;
    if (failing) {
      req.socket.destroy();
      return;
    }
    handle(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${port}`;
  const env = (prefix: string) => ({
    MEDIA_STORE: `s3://${bucket}${prefix ? `/${prefix}` : ''}`,
    S3_ENDPOINT: endpoint,
    S3_REGION: 'us-east-1',
    S3_FORCE_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: KEY,
    AWS_SECRET_ACCESS_KEY: KEY,
  });
  return {
    endpoint,
    bucket,
    env,
    location: (prefix) => loadConfig(env(prefix)).mediaBucket!,
    get puts() {
      return puts;
    },
    failAfterPuts(n) {
      failAt = puts + n;
    },
    heal() {
      failAt = Infinity;
      failing = false;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
