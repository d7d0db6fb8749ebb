import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditionSet } from '../../services/editions/editions.ts';
import { KnownRoutes, type KnownRoute } from './known-routes.ts';

// Only the identity of an edition set matters here: each content version reads its own.
const editions = () => ({}) as EditionSet;
const known = (key: string) => ({ r: { kind: 'notFound' }, view: {}, key }) as unknown as KnownRoute;

describe('the routes a content version has already seen', () => {
  it('gives back what was remembered for the same host and URL, and nothing for another host', () => {
    const routes = new KnownRoutes();
    const e = editions();
    assert.equal(routes.get(e, 'a.test', '/ar/'), undefined);
    routes.remember(e, 'a.test', '/ar/', known('home'));
    assert.equal(routes.get(e, 'a.test', '/ar/')?.key, 'home');
    assert.equal(routes.get(e, 'b.test', '/ar/'), undefined);
  });

  it('forgets everything when the editions are read anew (a new content version may change hosts and sections)', () => {
    const routes = new KnownRoutes();
    const before = editions();
    routes.get(before, undefined, '/');
    routes.remember(before, undefined, '/ar/', known('home'));
    const after = editions();
    assert.equal(routes.get(after, undefined, '/ar/'), undefined);
    // A late request of the old version cannot put its route into the new one's memory.
    routes.remember(before, undefined, '/ar/x', known('x'));
    assert.equal(routes.get(after, undefined, '/ar/x'), undefined);
  });

  it('never holds more than its bound: a flood of made-up addresses empties it', () => {
    const routes = new KnownRoutes(3);
    const e = editions();
    routes.get(e, undefined, '/');
    for (const u of ['/1', '/2', '/3', '/4']) routes.remember(e, undefined, u, known(u));
    assert.equal(routes.get(e, undefined, '/1'), undefined);
    assert.equal(routes.get(e, undefined, '/4')?.key, '/4');
  });
});
