import type { DigitStyle } from '../../domain/edition.ts';

const ARABIC_INDIC = ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'];

/**
 * Writes the digits of a string the edition's way. Only for text Khabar generates (dates,
 * counts, page numbers): never for an author's own text.
 */
export function localiseDigits(s: string, style: DigitStyle): string {
  if (style === 'latn') return s;
  return s.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)] ?? d);
}

export function formatNumber(n: number, style: DigitStyle): string {
  return localiseDigits(String(n), style);
}
