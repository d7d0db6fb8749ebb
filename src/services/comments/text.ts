import { normaliseArabic } from '../../platform/arabic/normalise.ts';

/**
 * Comment bodies are plain text. This turns one into paragraphs of text and link segments; the
 * theme renders them with escaping, so no markup a commenter types can ever reach a page.
 */
export type BodySegment = { kind: 'text'; text: string } | { kind: 'link'; url: string; text: string };
export type BodyParagraph = { lines: BodySegment[][] };

// Embedding, override and isolate controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI): they
// can reorder what a reader sees ("Trojan Source", CVE-2021-42574) and spill out of the comment.
// LRM/RLM/ALM are kept: they only mark direction and Arabic text uses them legitimately.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// Other invisible characters that only serve to hide words from filters.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Text as stored: bidi controls and C0 controls removed, line ends unified, trimmed. */
export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(BIDI_CONTROLS, '').replace(CONTROL, '').trim();
}

/** A one-line value (name, e-mail, URL): cleanText, and no line breaks. */
export function cleanLine(s: string): string {
  return cleanText(s).replace(/\s+/g, ' ');
}

// http(s) URLs and www. hosts; trailing punctuation (Latin and Arabic) is not part of the link.
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'\u00AB\u00BB]+/gi;
const TRAILING = /[.,;:!?)\]}'"\u060C\u061B\u061F\u06D4]+$/;

function linkTarget(raw: string): string | null {
  const href = /^www\./i.test(raw) ? `http://${raw}` : raw;
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function segmentsOf(line: string): BodySegment[] {
  const out: BodySegment[] = [];
  let last = 0;
  for (const m of line.matchAll(URL_RE)) {
    const raw = m[0].replace(TRAILING, '');
    const url = linkTarget(raw);
    if (!url) continue;
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: line.slice(last, at) });
    out.push({ kind: 'link', url, text: raw });
    last = at + raw.length;
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) });
  return out;
}

/** Paragraphs at blank lines, line breaks kept within them (WordPress's wpautop, as text). */
export function bodyParagraphs(body: string): BodyParagraph[] {
  return cleanText(body)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ lines: p.split('\n').map(segmentsOf) }));
}

/** How many links the body will show (the "max links" rule counts these). */
export function countLinks(body: string): number {
  let n = 0;
  for (const m of body.matchAll(URL_RE)) if (linkTarget(m[0].replace(TRAILING, ''))) n++;
  return n;
}

/**
 * Text folded for word matching: normalised Arabic (no tashkeel or tatweel, one alef, ي for ى,
 * ه for ة), Latin lower-cased, invisible characters dropped, runs of space collapsed.
 */
export function foldForMatching(s: string): string {
  return normaliseArabic(s.replace(INVISIBLE, '').replace(BIDI_CONTROLS, '')).replace(/\s+/g, ' ');
}

/**
 * The first listed word found in any of the texts, matched as WordPress matches its moderation
 * and disallowed keys (a substring, case-insensitively), but on folded Arabic so diacritics,
 * tatweel and letter variants cannot dodge it.
 */
export function findListedWord(words: readonly string[], texts: readonly string[]): string | null {
  if (!words.length) return null; // the usual case: folding every field would be wasted
  const folded = texts.map(foldForMatching);
  for (const w of words) {
    const fw = foldForMatching(w).trim();
    if (fw && folded.some((t) => t.includes(fw))) return w;
  }
  return null;
}
