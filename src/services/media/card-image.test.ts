import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardImage } from './card-image.ts';

const OURS = '/media/0123456789abcdef0123-1600x900/1600.jpg';

describe('the picture lists show for an article', () => {
  it('is the featured image when there is one', () => {
    assert.deepEqual(cardImage({ url: 'https://cdn.example/a.jpg', alt: 'أ' }, `<img src="${OURS}" alt="ب">`), { url: 'https://cdn.example/a.jpg', alt: 'أ' });
  });
  it('else the body’s first image from the media library, its alt text decoded', () => {
    const body = `<p><img src="https://cdn.example/x.jpg" alt="outside"></p><figure><img src="${OURS}" alt="سوق &amp; ناس"></figure><img src="/media/0123456789abcdef0123-1600x900/800.png" alt="later">`;
    assert.deepEqual(cardImage(null, body), { url: OURS, alt: 'سوق & ناس' });
  });
  it('else none: outside images and non-fallback files are never promoted', () => {
    assert.equal(cardImage(null, '<p><img src="https://cdn.example/x.jpg" alt="x"></p>'), null);
    assert.equal(cardImage(null, '<img src="/media/0123456789abcdef0123-1600x900/1600.avif" alt="x">'), null);
    assert.equal(cardImage(null, '<p>نص فقط</p>'), null);
  });
});
