import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { testSite } from '../support/app.ts';

describe('the server lifecycle', () => {
  it('closing the server lets an in-flight request finish, then refuses new ones', async () => {
    const site = await testSite();
    const fastify = site.app.fastify;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const started = new Promise<void>((r) => (arrived = r));
    fastify.get('/test-slow', { schema: {} }, async () => {
      arrived();
      await held;
      return 'done';
    });
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const port = (fastify.server.address() as { port: number }).port;
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/test-slow' }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).on('error', reject).end();
    });
    await started;
    const closing = fastify.close();
    release();
    assert.deepEqual(await response, { status: 200, body: 'done' });
    await closing;
    await site.close();
  });
});
