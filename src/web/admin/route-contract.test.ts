import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Account } from '../../domain/account.ts';
import { isDomainError } from '../../domain/errors.ts';
import { accountOf, enforceRouteContracts } from './route-contract.ts';

const editor: Account = { id: 1, email: 'e@example.org', slug: 'editor', name: 'Editor', role: 'editor', locale: 'ar', createdAt: '2026-01-01T00:00:00.000Z' };
const contributor: Account = { ...editor, id: 2, role: 'contributor' };

/** A newsroom scope whose visitor is whoever the `who` header names. */
async function newsroom(register: (admin: FastifyInstance) => void) {
  const app = Fastify();
  await app.register(cookie, { secret: 'x'.repeat(32) });
  await app.register(formbody);
  await app.register(csrf, { sessionPlugin: '@fastify/cookie' });
  app.setErrorHandler(async (err, _req, reply) => reply.code(isDomainError(err) && err.code === 'forbidden' ? 403 : 400).send('refused'));
  await app.register(async (admin) => {
    admin.decorateRequest('newsroomAccount', null);
    admin.addHook('onRequest', async (req) => {
      req.newsroomAccount = req.headers.who === 'editor' ? editor : req.headers.who === 'contributor' ? contributor : null;
    });
    enforceRouteContracts(admin, { siteUrl: 'http://x.test' });
    register(admin);
  }, { prefix: '/admin' });
  await app.ready();
  return app;
}

describe('newsroom routes declare who may call them', () => {
  it('refuses to register a route that declares no capability', async () => {
    await assert.rejects(newsroom((admin) => admin.get('/open', { schema: {} }, async () => 'x')), /declares no capability/);
  });

  it('refuses to register a route that declares no schema', async () => {
    await assert.rejects(newsroom((admin) => admin.get('/loose', { config: { can: 'signed-in' } }, async () => 'x')), /declares no schema/);
  });

  it('sends an anonymous visitor to the login form, refuses a role without the capability, lets the right role in', async () => {
    const app = await newsroom((admin) =>
      admin.get('/sections', { schema: {}, config: { can: 'taxonomy.manage' } }, async (req) => `hello ${accountOf(req).name}`),
    );
    const anonymous = await app.inject({ url: '/admin/sections' });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/admin\/login/);
    assert.equal((await app.inject({ url: '/admin/sections', headers: { who: 'contributor' } })).statusCode, 403);
    const allowed = await app.inject({ url: '/admin/sections', headers: { who: 'editor' } });
    assert.equal(allowed.statusCode, 200);
    assert.equal(allowed.body, 'hello Editor');
    await app.close();
  });

  it('checks the CSRF token of every POST, after the capability', async () => {
    let ran = false;
    const app = await newsroom((admin) =>
      admin.post('/sections', { schema: {}, config: { can: 'taxonomy.manage' } }, async () => {
        ran = true;
        return 'saved';
      }),
    );
    assert.equal((await app.inject({ method: 'POST', url: '/admin/sections', headers: { who: 'contributor' }, payload: { name: 'x' } })).statusCode, 403);
    const forged = await app.inject({ method: 'POST', url: '/admin/sections', headers: { who: 'editor' }, payload: { name: 'x' } });
    assert.notEqual(forged.statusCode, 200);
    assert.equal(ran, false);
    await app.close();
  });

  it('settles who may call a route before its path is checked: a malformed id still sends an anonymous visitor to sign in and refuses a role without the capability', async () => {
    const app = await newsroom((admin) =>
      admin.get('/sections/:id', { schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: '^\\d{1,9}$' } } } }, config: { can: 'taxonomy.manage' } }, async () => 'found'),
    );
    assert.equal((await app.inject({ url: '/admin/sections/abc' })).statusCode, 303);
    assert.equal((await app.inject({ url: '/admin/sections/abc', headers: { who: 'contributor' } })).statusCode, 403);
    assert.equal((await app.inject({ url: '/admin/sections/abc', headers: { who: 'editor' } })).statusCode, 400);
    assert.equal((await app.inject({ url: '/admin/sections/12', headers: { who: 'editor' } })).body, 'found');
    await app.close();
  });

  it('lets anyone reach a route that says so (the sign-in pages)', async () => {
    const app = await newsroom((admin) => admin.get('/login', { schema: {}, config: { can: 'anyone' } }, async () => 'sign in'));
    const r = await app.inject({ url: '/admin/login' });
    assert.equal(r.statusCode, 200);
    assert.equal(r.body, 'sign in');
    await app.close();
  });
});
