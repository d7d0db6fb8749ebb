import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardImage, libraryImageNames } from './card-image.ts';

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

describe('the library images an article shows (its WordPress attachments)', () => {
  it('are its featured image and every library image of its body, each once, whatever the variant', () => {
    const body = `<img src="https://cdn.example/x.jpg"><img src="${OURS}"><picture><source srcset="/media/0123456789abcdef0123-1600x900/800.webp 800w"><img src="/media/ffffffffffffffffffff-800x600/800.jpg"></picture>`;
    assert.deepEqual(libraryImageNames('https://news.test/media/aaaaaaaaaaaaaaaaaaaa-1200x800/1200.jpg', body), ['aaaaaaaaaaaaaaaaaaaa-1200x800', '0123456789abcdef0123-1600x900', 'ffffffffffffffffffff-800x600']);
  });
  it('are none for outside images or an address that only looks like a library path', () => {
    assert.deepEqual(libraryImageNames(null, '<img src="https://cdn.example/media/a.jpg"><a href="/media/not-a-name/1.jpg">x</a>'), []);
  });
});
