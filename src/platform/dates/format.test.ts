import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Edition } from '../../domain/edition.ts';
import { DEFAULT_EDITIONS } from '../../services/editions/defaults.ts';
import { formatDateLine, formatHijri, formatMonthYear, formatShortDate, instantFromZoned, zonedParts } from './format.ts';
import { localiseDigits } from './digits.ts';

const ar: Edition = DEFAULT_EDITIONS[0]!;
const en: Edition = DEFAULT_EDITIONS[1]!;
const FRIDAY_EVENING = '2022-02-25T18:50:00+03:00';

describe('the article date line', () => {
  it("reads exactly like the seed page's in the Arabic edition (Asia/Riyadh)", () => {
    assert.equal(formatDateLine(FRIDAY_EVENING, ar), 'الجمعة 25 فبراير 2022 - 18:50');
  });

  it('is computed in the edition time zone, not the server one', () => {
    assert.equal(formatDateLine('2022-02-25T22:30:00Z', ar), 'السبت 26 فبراير 2022 - 01:30');
    assert.equal(formatDateLine(FRIDAY_EVENING, en), 'Friday 25 February 2022 - 15:50');
  });

  it('uses Levantine month names when the edition asks for them', () => {
    assert.equal(formatDateLine(FRIDAY_EVENING, { ...ar, monthStyle: 'levantine' }), 'الجمعة 25 شباط 2022 - 18:50');
    assert.equal(formatShortDate('2022-09-10T12:00:00Z', { ...ar, monthStyle: 'levantine' }), '10 أيلول 2022');
  });

  it('writes Arabic-Indic digits when the edition asks for them', () => {
    assert.equal(formatDateLine(FRIDAY_EVENING, { ...ar, digits: 'arab' }), 'الجمعة ٢٥ فبراير ٢٠٢٢ - ١٨:٥٠');
  });

  it('has a 24-hour clock with two-digit minutes', () => {
    assert.equal(formatDateLine('2022-02-25T06:05:00+03:00', ar), 'الجمعة 25 فبراير 2022 - 06:05');
  });

  it('gives the Umm al-Qura Hijri date', () => {
    assert.equal(formatHijri(FRIDAY_EVENING, ar), '24 رجب 1443 هـ');
  });

  it('names a month for archive headings', () => {
    assert.equal(formatMonthYear(2022, 2, ar), 'فبراير 2022');
    assert.equal(formatMonthYear(2022, 2, { ...ar, monthStyle: 'levantine', digits: 'arab' }), 'شباط ٢٠٢٢');
    assert.equal(formatMonthYear(2022, 2, en), 'February 2022');
  });
});

describe('zoned calendar parts', () => {
  it('gives the local date of an instant', () => {
    assert.deepEqual(zonedParts('2022-02-25T22:30:00Z', 'Asia/Riyadh'), { year: 2022, month: 2, day: 26, hour: 1, minute: 30 });
  });

  it('turns a local wall-clock time back into an instant, across DST', () => {
    assert.equal(instantFromZoned({ year: 2022, month: 2, day: 26, hour: 0, minute: 0 }, 'Asia/Riyadh').toISOString(), '2022-02-25T21:00:00.000Z');
    assert.equal(instantFromZoned({ year: 2022, month: 7, day: 1, hour: 0, minute: 0 }, 'Europe/London').toISOString(), '2022-06-30T23:00:00.000Z');
  });
});

describe('digits', () => {
  it('leave Latin digits alone for a Latin-digit edition', () => {
    assert.equal(localiseDigits('43', 'latn'), '43');
  });
  it('map every digit for an Arabic-Indic edition', () => {
    assert.equal(localiseDigits('0123456789', 'arab'), '٠١٢٣٤٥٦٧٨٩');
  });
});
