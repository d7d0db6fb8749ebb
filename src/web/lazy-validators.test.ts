import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { testSite, type TestSite } from '../../test/support/app.ts';
import { lazyValidators } from './lazy-validators.ts';

describe('route schemas compiled at first use (lazy-validators.ts)', () => {
  const schema = { querystring: { type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] } };

  async function appWith(validators: ReturnType<typeof lazyValidators>) {
    const app = Fastify({ schemaController: { compilersFactory: { buildValidator: validators } } });
    app.get('/n', { schema }, async (req) => ({ n: (req.query as { n: number }).n }));
    await app.ready();
    return app;
  }

  it('validates, coerces and reports errors exactly as Fastify’s own compiler does', async () => {
    const lazy = await appWith(lazyValidators());
    const eager = Fastify();
    eager.get('/n', { schema }, async (req) => ({ n: (req.query as { n: number }).n }));
    for (const url of ['/n?n=3', '/n?n=0', '/n?n=x', '/n']) {
      const [a, b] = [await lazy.inject(url), await eager.inject(url)];
      assert.equal(a.statusCode, b.statusCode, url);
      assert.deepEqual(a.json(), b.json(), url);
    }
    assert.deepEqual((await lazy.inject('/n?n=3')).json(), { n: 3 }, 'the query string coerced to a number');
    await Promise.all([lazy.close(), eager.close()]);
  });

  it('compiles nothing at start, and a route’s schema at its first request', async () => {
    const validators = lazyValidators();
    const app = await appWith(validators);
    assert.equal(validators.pending(), 2, 'GET /n and the HEAD Fastify adds: ready, neither compiled');
    await app.inject('/n?n=1');
    assert.equal(validators.pending(), 1, 'the HEAD route, never asked, is still not compiled');
    await app.close();
  });

  it('checks schemas against the meta-schema in compileAll only, not at a route’s first request (Ajv would compile the meta-schema first)', async () => {
    const validators = lazyValidators();
    const app = Fastify({ schemaController: { compilersFactory: { buildValidator: validators } } });
    // A length is never negative: the meta-schema refuses this; compiled unchecked, it still runs.
    app.get('/m', { schema: { querystring: { type: 'object', properties: { n: { type: 'string', minLength: -1 } } } } }, async () => ({ ok: true }));
    await app.ready();
    assert.equal((await app.inject('/m')).statusCode, 200, 'the route compiled its schema without the meta-schema');
    assert.throws(() => validators.compileAll(), /schema is invalid/);
    await app.close();
  });

  describe('on the whole site', () => {
    let site: TestSite;
    before(async () => {
      site = await testSite();
      await site.app.fastify.ready();
    });
    after(() => site.close());

    it('every route’s schema compiles (a broken one would otherwise fail only at that route’s first request)', () => {
      assert.doesNotThrow(() => site.app.compileAllSchemas());
    });
  });
});
