import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyInstance } from 'fastify';
import { MAX_SEARCH_URL_LENGTH } from './public/router.ts';

/**
 * Node's HTTP parser refuses a request whose head passes `maxHeaderSize` (16 KB) before any
 * route sees it; Fastify's default answer is a bare JSON 431. A reader who pasted a whole
 * article into the search box deserves the site's own page instead — the same one a URL of
 * 8–16 KB gets (router.ts, the search API). The parser hands over the bytes it read
 * (`rawPacket`): the request line's start, longer than any URL the site accepts. Replayed
 * in-process with that target, the request meets the same refusal as a merely long URL, in the
 * edition's language (its path or `?edition=` says which), page or JSON alike.
 */
export function clientErrorHandler(this: FastifyInstance, err: ConnectionError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
  answered.add(socket);
  const target = err.code === 'HPE_HEADER_OVERFLOW' ? overflowedTarget(err.rawPacket as unknown) : null;
  if (!target) return plain(socket, err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400);
  // Whatever else arrives on this connection is not read: the answer closes it.
  socket.pause();
  this.inject({ method: 'GET', url: target }).then(
    (res) => {
      if (!socket.writable) return socket.destroy();
      const head = [`HTTP/1.1 ${res.statusCode} ${STATUS_CODES[res.statusCode] ?? ''}`];
      for (const [k, v] of Object.entries(res.headers)) {
        if (v === undefined || /^(content-length|connection|transfer-encoding|keep-alive)$/i.test(k)) continue;
        for (const one of Array.isArray(v) ? v : [v]) head.push(`${k}: ${one}`);
      }
      head.push(`content-length: ${res.rawPayload.length}`, 'connection: close');
      // Destroyed once written: the unread rest of the request must not hold the connection open.
      socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), res.rawPayload]), () => socket.destroy());
    },
    () => plain(socket, 400),
  );
}

/** Sockets already answered: the parser may report the same overflow again as more bytes arrive. */
const answered = new WeakSet<Socket>();

/**
 * The request target at the start of a GET's head, when the target itself is what overflowed
 * (longer than any URL the site takes): a head swollen by its headers (cookies) is not replayed
 * without them.
 */
export function overflowedTarget(raw: unknown): string | null {
  const m = Buffer.isBuffer(raw) ? /^GET (\/[!-~]*)/.exec(raw.subarray(0, 64 * 1024).toString('latin1')) : null;
  return m && m[1]!.length > MAX_SEARCH_URL_LENGTH ? m[1]! : null;
}

/** Node's own answer to a request it could not parse, as Fastify gives it (no page can be chosen). */
function plain(socket: Socket, status: number): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`, () => socket.destroy());
  else socket.destroy();
}
