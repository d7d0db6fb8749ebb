import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMediaUrl, variantWidths } from './media-urls.ts';
import { responsiveBodyImages, responsiveImage } from './responsive.ts';

const NAME = '0123456789abcdef0123-1600x900';

describe('responsive images from media URLs', () => {
  it('widths: the standard ones clearly below the image, then its own; never wider', () => {
    assert.deepEqual(variantWidths(1600), [480, 800, 1200, 1600]);
    assert.deepEqual(variantWidths(1300), [480, 800, 1300]);
    assert.deepEqual(variantWidths(1250), [480, 800, 1250], '1200 is too close to 1250 to be worth a file');
    assert.deepEqual(variantWidths(300), [300]);
  });

  it('gives AVIF and WebP sources, the fallback srcset and the size, from the URL alone', () => {
    const r = responsiveImage(`/media/${NAME}/1600.jpg`);
    assert.ok(r);
    assert.equal(r.src, `/media/${NAME}/1600.jpg`);
    assert.equal(r.srcset, [480, 800, 1200, 1600].map((w) => `/media/${NAME}/${w}.jpg ${w}w`).join(', '));
    assert.deepEqual(r.sources.map((s) => s.type), ['image/avif', 'image/webp']);
    assert.match(r.sources[0]!.srcset, new RegExp(`^/media/${NAME}/480\\.avif 480w, `));
    assert.deepEqual([r.width, r.height], [1600, 900]);
    assert.ok(r.sizes);
    // An absolute URL on our own origin is ours too; the same path elsewhere is not.
    assert.equal(responsiveImage(`https://news.example/media/${NAME}/480.jpg`, { origin: 'https://news.example' })?.src, `/media/${NAME}/1600.jpg`);
    assert.equal(responsiveImage(`https://elsewhere.example/media/${NAME}/480.jpg`, { origin: 'https://news.example' }), null);
  });

  it('anything else is not ours', () => {
    for (const url of [
      'https://cdn.example/photo.jpg',
      `/media/${NAME}/1600.webp`, // the fallback format is only known from a fallback URL
      `/media/${NAME}/original.jpg`,
      `/media/${NAME}/../x/1600.jpg`,
      '/media/0123456789abcdef0123-0x900/1600.jpg',
      `/media/${NAME}/1600.jpg?x=1`,
      `/media/${NAME.toUpperCase()}/1600.jpg`,
    ]) assert.equal(responsiveImage(url), null, url);
    assert.equal(parseMediaUrl(`/media/${NAME}/480.avif`)?.format, 'avif');
  });

  it('rewrites our body images into <picture>, keeping alt and direction, and leaves others alone', () => {
    const html = `<p>قبل</p><figure><img src="/media/${NAME}/1600.jpg" alt="سوق &amp; ناس" dir="rtl" loading="lazy" width="10" /><figcaption>تعليق</figcaption></figure><p><img src="https://cdn.example/a.jpg" alt="x" loading="lazy" /></p>`;
    const out = responsiveBodyImages(html);
    assert.match(out, /^<p>قبل<\/p><figure><picture><source type="image\/avif" srcset="[^"]+480\.avif 480w[^"]*" sizes="[^"]+"><source type="image\/webp" srcset="[^"]+"[^>]*><img src="\/media\/[^"]+\/1600\.jpg" srcset="[^"]+" sizes="[^"]+" width="1600" height="900" alt="سوق &amp; ناس" dir="rtl" loading="lazy" decoding="async"><\/picture><figcaption>تعليق<\/figcaption><\/figure>/);
    assert.ok(!out.includes('width="10"'));
    assert.ok(out.endsWith('<p><img src="https://cdn.example/a.jpg" alt="x" loading="lazy" /></p>'));
    const plain = '<p>لا صور هنا</p>';
    assert.equal(responsiveBodyImages(plain), plain);
  });
});
