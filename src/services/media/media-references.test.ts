import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalMediaReferences, mediaBases } from './media-references.ts';

const NAME = '0123456789abcdef0123-1600x900';

describe('addresses of library images in articles', () => {
  const bases = mediaBases({ siteUrl: 'https://news.example', mediaPublicUrl: 'https://cdn.example/m/', storeAddresses: [null, 'http://127.0.0.1:9000/bucket/p'] });

  it('collects the site\'s /media, MEDIA_PUBLIC_URL and the stores\' own addresses, without trailing slashes', () => {
    assert.deepEqual(bases, ['https://news.example/media', 'https://cdn.example/m', 'http://127.0.0.1:9000/bucket/p']);
  });

  it('turns each of them into /media/<name>/<file>, and leaves everything else as it was', () => {
    const html = [
      `<img src="https://news.example/media/${NAME}/800.jpg">`,
      `<img src="https://cdn.example/m/${NAME}/480.avif">`,
      `<img src="http://127.0.0.1:9000/bucket/p/${NAME}/1600.png">`,
      `<img src="/media/${NAME}/800.jpg">`,
      // Not a served file (the original), another site, another shape: untouched.
      `<img src="https://cdn.example/m/${NAME}/original.jpg">`,
      `<img src="https://elsewhere.example/media/${NAME}/800.jpg">`,
      '<a href="https://cdn.example/m/about">x</a>',
    ].join('');
    assert.equal(canonicalMediaReferences(html, bases), [
      `<img src="/media/${NAME}/800.jpg">`,
      `<img src="/media/${NAME}/480.avif">`,
      `<img src="/media/${NAME}/1600.png">`,
      `<img src="/media/${NAME}/800.jpg">`,
      `<img src="https://cdn.example/m/${NAME}/original.jpg">`,
      `<img src="https://elsewhere.example/media/${NAME}/800.jpg">`,
      '<a href="https://cdn.example/m/about">x</a>',
    ].join(''));
    // Already in that form: the same string (a second migration changes nothing).
    const once = canonicalMediaReferences(html, bases);
    assert.equal(canonicalMediaReferences(once, bases), once);
  });
});
