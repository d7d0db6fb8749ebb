import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidSlug, MAX_SLUG_LENGTH, slugify } from './slug.ts';

describe('slugs', () => {
  it('keep Arabic words in Arabic and drop Arabic punctuation such as ؛', () => {
    assert.equal(slugify('زيارة وفد إلى الرياض؛ توقيع مذكرة من 12 بنداً'), 'زيارة-وفد-إلى-الرياض-توقيع-مذكرة-من-12-بندا');
  });

  it('drop tashkeel and tatweel so vowelled titles give the same slug', () => {
    assert.equal(slugify('الاتِّفاقيَّة الجديـــدة'), 'الاتفاقية-الجديدة');
  });

  it('drop quotes, question marks and commas of both scripts', () => {
    assert.equal(slugify('«الطاقة»، هل تكفي؟ "Yes", she said!'), 'الطاقة-هل-تكفي-yes-she-said');
  });

  it('are capped at a word boundary', () => {
    const slug = slugify('كلمة طويلة '.repeat(20));
    assert.ok([...slug].length <= MAX_SLUG_LENGTH);
    assert.ok(!slug.endsWith('-'));
    assert.match(slug, /(^|-)طويلة$|(^|-)كلمة$/);
  });

  it('are validated as letters, digits and single hyphens', () => {
    assert.ok(isValidSlug('زيارة-وفد-12'));
    assert.ok(!isValidSlug('a--b'));
    assert.ok(!isValidSlug('../etc'));
    assert.ok(!isValidSlug(''));
  });
});
