import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Invalid } from '../../domain/errors.ts';
import { problemLines } from '../../platform/i18n/problems.ts';
import { generatePassword, hashPassword, validatePassword, verifyPassword } from './passwords.ts';

/** The refusal as the CLI words it (the domain error carries codes; the words live in the catalogue). */
const worded = (re: RegExp) => (e: unknown) => e instanceof Invalid && re.test(problemLines(e.problems).join('\n'));

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const h = await hashPassword('كلمة سر طويلة جداً', { memoryCost: 256, timeCost: 1 });
    assert.match(h, /^\$argon2id\$/);
    assert.equal(await verifyPassword(h, 'كلمة سر طويلة جداً'), true);
    assert.equal(await verifyPassword(h, 'كلمة سر طويلة جدا'), false);
  });
  it('uses the library default cost (OWASP minimum) unless told otherwise', async () => {
    assert.match(await hashPassword('a long enough password'), /\$m=19456,t=2,p=1\$/);
  });
  it('a malformed stored hash is a failed check, not a crash', async () => {
    assert.equal(await verifyPassword('not-a-hash', 'whatever password'), false);
  });
  it('refuses short and absurdly long passwords; generated ones pass', () => {
    // The refusal is structured (field, code, params), worded at the edge.
    assert.throws(() => validatePassword('short'), { problems: [{ field: 'password', code: 'password_short', params: { min: 10 } }] });
    assert.throws(() => validatePassword('x'.repeat(201)), { problems: [{ field: 'password', code: 'too_long', params: { max: 200 } }] });
    assert.throws(() => validatePassword('short'), worded(/at least 10/));
    assert.throws(() => validatePassword('x'.repeat(201)), worded(/longer than allowed \(200 characters\)/));
    const p = generatePassword();
    assert.equal(p.length, 20);
    validatePassword(p);
    assert.notEqual(generatePassword(), p);
  });
});
