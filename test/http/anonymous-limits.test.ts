import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANONYMOUS_WRITES } from '../../src/web/anonymous-limits.ts';
import { adminSite, Agent } from '../support/admin.ts';

const PROXY = '10.0.0.5';

describe('anonymous writes have a ceiling per address and one for everyone', () => {
  it('password-reset requests: an address is stopped after its share, and a thousand addresses together after theirs', async () => {
    const s = await adminSite({ config: { trustProxy: [PROXY] } });
    const { perAddress, everyone } = ANONYMOUS_WRITES.passwordReset;
    const from = (ip: string) => new Agent(s.app, PROXY, { 'x-forwarded-for': ip });
    const one = from('192.0.2.1');
    await one.get('/admin/password-reset');
    const statuses: number[] = [];
    for (let i = 0; i <= perAddress.max; i++) statuses.push((await one.post('/admin/password-reset', { email: `nobody${i}@example.org` })).status);
    assert.deepEqual(statuses.slice(0, perAddress.max), Array(perAddress.max).fill(200));
    assert.equal(statuses.at(-1), 429, 'one address, over its share');

    // Rotating addresses: each stays under its own share, the ceiling for everyone still holds.
    let refused = 0;
    for (let i = 0; i < everyone.max; i++) {
      const bot = from(`198.51.${Math.floor(i / 250)}.${i % 250}`);
      const r = await bot.post('/admin/password-reset', { email: 'nobody@example.org', _csrf: one.csrf }, { cookie: [...one.cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
      if (r.status === 429) refused++;
    }
    assert.equal(refused, perAddress.max, 'beyond the ceiling for everyone (the first address’s accepted requests count in it), each is refused');
    await s.close();
  });
});
