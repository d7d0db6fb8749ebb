import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SecretBox } from './secret-box.ts';

describe('the secret box (TOTP keys at rest)', () => {
  const secret = 'x'.repeat(40);
  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const box = new SecretBox(secret, 'totp');
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    assert.doesNotMatch(sealed, /JBSWY3DPEHPK3PXP/);
    assert.notEqual(box.seal('JBSWY3DPEHPK3PXP'), sealed, 'a fresh IV each time');
    assert.equal(box.open(sealed), 'JBSWY3DPEHPK3PXP');
  });
  it('refuses under another SECRET, another purpose, or altered bytes', () => {
    const sealed = new SecretBox(secret, 'totp').seal('JBSWY3DPEHPK3PXP');
    assert.equal(new SecretBox('y'.repeat(40), 'totp').open(sealed), null);
    assert.equal(new SecretBox(secret, 'other').open(sealed), null);
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    assert.equal(new SecretBox(secret, 'totp').open(`v1.${bytes.toString('base64url')}`), null);
  });
});
