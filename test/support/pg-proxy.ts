import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP hop between the site and PostgreSQL that the test controls, as a failover or a network
 * fault would: cut every connection, refuse new ones, or drop a connection the moment it sends a
 * given statement. PostgreSQL itself stays real; only the wire is cut.
 */
export interface PgProxy {
  /** A DATABASE_URL that goes through the proxy. */
  url: string;
  /** Ends every open connection (as `pg_terminate_backend` on all of them would). */
  cutAll(): void;
  /** The database is down: open connections cut, new ones refused. */
  down(): void;
  /** The database answers again. */
  up(): void;
  /** The next connection that sends SQL containing `text` is cut right there, before the server sees it. */
  cutOnNext(text: string): Promise<void>;
  close(): Promise<void>;
}

export async function startPgProxy(target: string): Promise<PgProxy> {
  const t = new URL(target);
  const pairs = new Set<[Socket, Socket]>();
  let refusing = false;
  let trap: { text: Buffer; sprung: () => void } | null = null;
  const server: Server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: t.hostname, port: Number(t.port || 5432) });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (trap && chunk.includes(trap.text)) {
        const sprung = trap.sprung;
        trap = null;
        end();
        sprung();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const cutAll = () => {
    for (const [a, b] of [...pairs]) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };
  return {
    url: url.toString(),
    cutAll,
    down() {
      refusing = true;
      cutAll();
    },
    up() {
      refusing = false;
    },
    cutOnNext(text) {
      return new Promise((resolve) => {
        trap = { text: Buffer.from(text), sprung: resolve };
      });
    },
    close() {
      cutAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
