/**
 * XML text and attribute escaping for feeds and sitemaps. Characters XML 1.0 forbids (C0
 * controls other than tab/newline/CR, lone surrogates, U+FFFE/FFFF) are dropped: one stray
 * control character in an article would otherwise make the whole feed unreadable.
 */
export const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** `<name attrs>text</name>`, escaped; empty string when the text is null. */
export function el(name: string, text: string | null, attrs: Record<string, string> = {}): string {
  if (text === null) return '';
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${xmlAttr(v)}"`).join('');
  return `<${name}${a}>${xmlText(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
