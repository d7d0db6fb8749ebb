import { embedFromUrl, embedPlaceholderHtml } from '../../platform/html/embeds.ts';
import { escapeHtml, sanitizeArticleHtml } from '../../platform/html/sanitize.ts';
import { wpautop } from './wpautop.ts';

/** An attachment of the old site, as the export describes it (its `wp:attachment_url`, alt text, caption). */
export interface WordPressAttachment {
  id: number;
  /** The old address (`wp:attachment_url`); it goes through `mediaUrl` like every other image. */
  url: string;
  alt?: string;
  /** The attachment's `post_excerpt`, shown under the image in a gallery. */
  caption?: string;
}

/** What the importer knows while converting one body. */
export interface WordPressContentContext {
  /**
   * The library address an old upload URL now has (`--uploads`), or undefined to keep the old URL.
   * Asked about every image source, srcset candidate, link and [audio]/[video] file of the body
   * (as written there, entities decoded), so it must answer undefined for anything not uploaded.
   */
  mediaUrl?: (oldUrl: string) => string | undefined;
  /** An attachment by its WordPress id: what `[gallery ids="…"]` shows. */
  attachment?: (id: number) => WordPressAttachment | undefined;
  /** The post's own attachments (`wp:post_parent`), in menu order: what `[gallery]` without ids shows. */
  postAttachments?: () => readonly WordPressAttachment[];
}

export interface ConvertedContent {
  /** Khabar's clean HTML: through the same sanitiser as the editor's. */
  html: string;
  /** Shortcodes Khabar does not know, kept as text; the report lists them. */
  unknownShortcodes: string[];
  /**
   * What could not be rendered and was left out, for the report: blocks WordPress draws from
   * the database at view time (`wp:latest-posts`, `wp:block` references), galleries whose
   * images the export does not have.
   */
  unconverted: string[];
}

// Rendered shortcodes are marked while a body is converted so that a paragraph wrapping one
// alone can be unwrapped (a figure cannot sit inside <p>). XML 1.0 forbids these characters,
// so no export contains them; they are removed from the input anyway.
const OPEN = '\u0001';
const CLOSE = '\u0002';

interface Conversion {
  ctx: WordPressContentContext;
  unknown: Set<string>;
  unconverted: Set<string>;
}

/**
 * A WordPress `content:encoded` body (Gutenberg blocks or a classic post) as Khabar's HTML:
 * block comments removed and their blocks rendered, classic posts paragraphed as `wpautop`
 * does, `[caption]`, `[gallery]`, `[embed]`, `[audio]`, `[video]` and bare YouTube/X addresses
 * converted, old upload addresses rewritten through `mediaUrl`. Alignment classes and inline
 * styles go (the sanitiser's allowlist), so nothing left/right-bound survives into RTL pages.
 */
export function convertWordPressContent(raw: string, ctx: WordPressContentContext = {}): ConvertedContent {
  const c: Conversion = { ctx, unknown: new Set(), unconverted: new Set() };
  let text = raw.replace(/[\u0001\u0002]/g, '').replace(/\r\n?/g, '\n');
  if (text.includes('<!-- wp:')) {
    // WordPress does not run wpautop on block content: each block saved its own markup.
    text = renderBlocks(text, c);
    text = autoembed(text);
    text = shortcodes(text, c);
    text = unwrapMarked(text);
  } else {
    text = removeComments(text);
    text = autoembed(text);
    text = shortcodes(text, c);
    text = wpautop(unwrapMarked(text));
  }
  text = rewriteMedia(retag(text), ctx.mediaUrl);
  return { html: sanitizeArticleHtml(text.trim()).trim(), unknownShortcodes: [...c.unknown], unconverted: [...c.unconverted] };
}

// ─── Gutenberg blocks ───────────────────────────────────────────────────────────────────────

interface Block {
  name: string;
  /** The comment's JSON attributes, parsed only for the blocks that need them (embeds). */
  json: string | undefined;
  /** Saved markup and inner blocks, in order. */
  inner: (string | Block)[];
}

const BLOCK_COMMENT = /^<!--\s+(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)\s+(\{[\s\S]*\}\s+)?(\/)?-->$/;

/** The block tree of a post: comments found with indexOf, each one matched alone (no scan over the body). */
function parseBlocks(text: string): Block {
  const root: Block = { name: '', json: undefined, inner: [] };
  const stack: Block[] = [root];
  let from = 0;
  for (let at = text.indexOf('<!--', from); at >= 0; at = text.indexOf('<!--', from)) {
    const end = text.indexOf('-->', at + 4);
    if (end < 0) break;
    const m = BLOCK_COMMENT.exec(text.slice(at, end + 3));
    if (!m) {
      // Another comment (<!--more-->, a writer's note): nothing a reader sees.
      stack.at(-1)!.inner.push(text.slice(from, at));
      from = end + 3;
      continue;
    }
    const top = stack.at(-1)!;
    top.inner.push(text.slice(from, at));
    from = end + 3;
    const name = m[2]!.includes('/') ? m[2]! : `core/${m[2]}`;
    if (m[1]) {
      // A closing comment closes the nearest open block of that name (a stray one is ignored).
      const i = stack.findLastIndex((b) => b.name === name);
      if (i > 0) stack.length = i;
      continue;
    }
    const block: Block = { name, json: m[3], inner: [] };
    top.inner.push(block);
    if (!m[4]) stack.push(block);
  }
  stack.at(-1)!.inner.push(text.slice(from));
  return root;
}

function parseAttrs(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Blocks with nothing saved that WordPress draws at view time; the rest of `core/` saves its markup. */
const MARKERS = new Set(['core/more', 'core/nextpage', 'core/spacer']);

function renderBlocks(text: string, c: Conversion): string {
  return renderInner(parseBlocks(text), c);
}

function renderInner(b: Block, c: Conversion): string {
  let out = '';
  // The blank lines between blocks are the editor's layout, not content: one line break each.
  for (const part of b.inner) out += typeof part !== 'string' ? renderBlock(part, c) : part.trim() ? part : part && '\n';
  return out;
}

function renderBlock(b: Block, c: Conversion): string {
  if (MARKERS.has(b.name)) return '';
  if (b.name === 'core/embed' || b.name.startsWith('core-embed/')) return renderEmbedBlock(b, c);
  if (b.name === 'core/gallery') return renderGalleryBlock(b, c);
  if (b.name === 'core/video' || b.name === 'core/audio') return renderMediaBlock(b, c);
  const html = renderInner(b, c);
  if (!html.trim()) {
    // Saved nothing: a dynamic block (latest posts, archives, a reusable block's reference).
    if (b.name !== 'core/paragraph' && b.name !== 'core/freeform') c.unconverted.add(`wp:${b.name.replace(/^core\//, '')}`);
    return '';
  }
  if (b.name === 'core/separator') return '<hr>';
  return html.trim();
}

const FIGCAPTION_OPEN = /<figcaption\b[^<>]*>/;

/** The content of the first figcaption (found with indexOf: a body of unclosed ones stays linear). */
function firstCaption(html: string): string | undefined {
  const open = FIGCAPTION_OPEN.exec(html);
  if (!open) return undefined;
  const from = open.index + open[0].length;
  const end = html.indexOf('</figcaption>', from);
  return end < 0 ? undefined : html.slice(from, end).trim() || undefined;
}
const FIRST_URL = /https?:\/\/[^\s<>"]+/;

/** An embed block: a link card for YouTube and X, a plain link otherwise; its caption kept below. */
function renderEmbedBlock(b: Block, c: Conversion): string {
  const saved = renderInner(b, c);
  const attrs = parseAttrs(b.json);
  const url = typeof attrs.url === 'string' ? attrs.url : (FIRST_URL.exec(saved)?.[0] ?? '');
  const caption = firstCaption(saved);
  return embedHtml(url) + (caption ? `<p>${caption}</p>` : '');
}

const MEDIA_SRC = /<(?:video|audio|source)\s[^<>]*?\bsrc="([^"]+)"/;

/** A video or audio block: Khabar shows no players, so its file as a link (a card for YouTube), its caption below. */
function renderMediaBlock(b: Block, c: Conversion): string {
  const saved = renderInner(b, c);
  const src = MEDIA_SRC.exec(saved)?.[1]?.replace(/&amp;/g, '&');
  if (!src) {
    c.unconverted.add(`wp:${b.name.slice('core/'.length)}`);
    return '';
  }
  const caption = firstCaption(saved);
  return embedHtml(c.ctx.mediaUrl?.(src) ?? src) + (caption ? `<p>${caption}</p>` : '');
}

/** A gallery block: its images (inner image blocks since WordPress 5.9, a list of figures before). */
function renderGalleryBlock(b: Block, c: Conversion): string {
  const figures: string[] = [];
  let own = '';
  for (const part of b.inner) {
    if (typeof part === 'string') own += part;
    else if (part.name === 'core/image') figures.push(renderInner(part, c).trim());
    else own += renderBlock(part, c);
  }
  // The older markup: <ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure>…</figure></li>…
  figures.push(...listedFigures(own));
  const caption = lastCaptionOutsideItems(own);
  if (!figures.length) {
    c.unconverted.add('wp:gallery');
    return '';
  }
  return galleryHtml(figures, caption);
}

const ITEM_FIGURE = /<li\b[^<>]*>\s*<figure\b/g;

/** The figures of the older gallery markup, each the whole content of a list item. */
function listedFigures(html: string): string[] {
  const out: string[] = [];
  const re = new RegExp(ITEM_FIGURE.source, 'g');
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const start = m.index + m[0].length - '<figure'.length;
    const end = html.indexOf('</figure>', start);
    // No closing tag anywhere after: none after any later item either.
    if (end < 0) break;
    out.push(html.slice(start, end + '</figure>'.length));
    re.lastIndex = end;
  }
  return out;
}

/** The gallery's own caption: the figcaption after its last item (inner image blocks are not in `own`). */
function lastCaptionOutsideItems(own: string): string | undefined {
  return firstCaption(own.slice(Math.max(own.lastIndexOf('</li>'), 0)));
}

function galleryHtml(figures: string[], caption: string | undefined): string {
  return `${OPEN}<figure class="gallery">${figures.join('')}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>${CLOSE}`;
}

function embedHtml(url: string): string {
  const clean = url.trim();
  const embed = embedFromUrl(clean);
  if (embed) return `${OPEN}${embedPlaceholderHtml(embed)}${CLOSE}`;
  if (!/^(?:https?:\/\/|\/(?!\/))/i.test(clean)) return '';
  const href = escapeAttr(clean);
  return `${OPEN}<p><a href="${href}">${href}</a></p>${CLOSE}`;
}

// ─── Classic posts ──────────────────────────────────────────────────────────────────────────

/** HTML comments (`<!--more-->`, `<!--nextpage-->`, notes) go before paragraphing, as readers never see them. */
function removeComments(text: string): string {
  if (!text.includes('<!--')) return text;
  let out = '';
  let from = 0;
  for (let at = text.indexOf('<!--'); at >= 0; at = text.indexOf('<!--', from)) {
    const end = text.indexOf('-->', at + 4);
    out += text.slice(from, at);
    from = end < 0 ? text.length : end + 3;
  }
  return out + text.slice(from);
}

const URL_LINE = /^([ \t]*)(https?:\/\/[^\s<>"]+)([ \t]*)$/gm;
const URL_PARAGRAPH = /<p(?:\s[^<>]*)?>[ \t\n]*(https?:\/\/[^\s<>"]+)[ \t\n]*<\/p>/g;

/**
 * WordPress's auto-embeds: an address alone on its line, or alone in a paragraph, becomes the
 * embed when it is one Khabar knows (YouTube, X); any other address stays as it was.
 */
function autoembed(text: string): string {
  if (!text.includes('http')) return text;
  const card = (whole: string, url: string) => {
    const embed = embedFromUrl(url);
    return embed ? `${OPEN}${embedPlaceholderHtml(embed)}${CLOSE}` : whole;
  };
  return text.replace(URL_LINE, (whole, _a: string, url: string) => card(whole, url)).replace(URL_PARAGRAPH, (whole, url: string) => card(whole, url));
}

// ─── Shortcodes ─────────────────────────────────────────────────────────────────────────────

/**
 * `[name attrs]`, `[name attrs /]`, `[/name]` and the escaped `[[name]]`. Attributes cannot hold
 * brackets (as in WordPress), so each match is one bounded scan.
 */
const SHORTCODE = /\[(\[?)(\/?)([A-Za-z][\w-]*)(?=[\s\]/])([^[\]]*)\](\]?)/g;
const ENCLOSING = new Set(['caption', 'wp_caption', 'embed', 'audio', 'video']);

function shortcodes(text: string, c: Conversion): string {
  if (!text.includes('[')) return text;
  const re = new RegExp(SHORTCODE.source, 'g');
  const unclosed = new Set<string>();
  let out = '';
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [whole, escOpen, closing, nameRaw, attrText = '', escClose] = m;
    const name = nameRaw!.toLowerCase();
    out += text.slice(from, m.index);
    from = re.lastIndex;
    if (escOpen && escClose) {
      // [[gallery]] is how WordPress writes a shortcode as text.
      out += whole.slice(1, -1);
      continue;
    }
    if (escOpen) out += '[';
    const known = ENCLOSING.has(name) || name === 'gallery';
    if (closing || !known) {
      if (!known && !closing) c.unknown.add(name);
      out += whole.slice(escOpen ? 1 : 0, escClose ? -1 : undefined);
      if (escClose) out += ']';
      continue;
    }
    const selfClosing = attrText.trimEnd().endsWith('/');
    const attrs = shortcodeAttrs(selfClosing ? attrText.trimEnd().slice(0, -1) : attrText);
    let content = '';
    if (ENCLOSING.has(name) && !selfClosing && !unclosed.has(nameRaw!)) {
      const end = text.indexOf(`[/${nameRaw}]`, from);
      // None after this one means none after any later one: never searched for again.
      if (end < 0) unclosed.add(nameRaw!);
      if (end >= 0) {
        content = text.slice(from, end);
        from = end + nameRaw!.length + 3;
        re.lastIndex = from;
      }
    }
    out += renderShortcode(name, attrs, content, c);
    if (escClose) out += ']';
  }
  return out + text.slice(from);
}

/** Shortcode attributes as WordPress reads them: name="v", name='v', name=v, and bare values by position. */
export function shortcodeAttrs(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  let position = 0;
  for (const m of text.matchAll(/([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const key = m[1] ?? m[3] ?? m[5];
    if (key) attrs[key.toLowerCase()] = m[2] ?? m[4] ?? m[6] ?? '';
    else attrs[String(position++)] = m[7] ?? m[8] ?? m[9] ?? '';
  }
  return attrs;
}

function renderShortcode(name: string, attrs: Record<string, string>, content: string, c: Conversion): string {
  switch (name) {
    case 'caption':
    case 'wp_caption':
      return captionHtml(attrs, shortcodes(content, c));
    case 'gallery':
      return galleryShortcode(attrs, c);
    case 'embed':
      return embedHtml(content || attrs.src || attrs.url || '');
    default: {
      // [audio] and [video]: their file (or, for a video, a YouTube address) as a link or a card.
      const src = mediaSource(attrs) || content.trim();
      return embedHtml(c.ctx.mediaUrl?.(src) ?? src);
    }
  }
}

const MEDIA_SOURCE_KEYS = ['src', 'mp3', 'm4a', 'ogg', 'wav', 'wma', 'flac', 'mp4', 'm4v', 'webm', 'ogv', 'wmv', 'flv'];

function mediaSource(attrs: Record<string, string>): string {
  for (const k of MEDIA_SOURCE_KEYS) if (attrs[k]) return attrs[k]!;
  return '';
}

// The image (possibly inside its link) that opens a caption's content; the rest is the caption.
const CAPTIONED_IMAGE = /^\s*((?:<a\s[^<>]*>\s*)?<img\s[^<>]*>(?:\s*<\/a>)?)/i;

/** `[caption]<img> text[/caption]` (or `caption="text"`) as a figure with its figcaption. */
function captionHtml(attrs: Record<string, string>, content: string): string {
  const m = CAPTIONED_IMAGE.exec(content);
  if (!m) return content;
  const caption = (attrs.caption ?? content.slice(m[0].length)).trim().replace(/\s*\n\s*/g, ' ');
  return `${OPEN}<figure>${m[1]}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>${CLOSE}`;
}

/** `[gallery ids="1,2"]` (or the post's own attachments), with `include`/`exclude` and `link="none"`. */
function galleryShortcode(attrs: Record<string, string>, c: Conversion): string {
  const ids = (v: string | undefined) => (v ?? '').split(/[\s,]+/).filter((s) => /^\d+$/.test(s)).map(Number);
  const listed = ids(attrs.ids || attrs.include);
  const exclude = new Set(ids(attrs.exclude));
  const images = listed.length
    ? listed.map((id) => c.ctx.attachment?.(id)).filter((a): a is WordPressAttachment => a !== undefined)
    : (c.ctx.postAttachments?.() ?? []).filter((a) => !exclude.has(a.id));
  if (!images.length) {
    c.unconverted.add('[gallery]');
    return '';
  }
  const linked = attrs.link !== 'none';
  const figures = images.map((a) => {
    const src = escapeAttr(a.url);
    const img = `<img src="${src}" alt="${escapeHtml(a.alt ?? '')}">`;
    const caption = a.caption?.trim();
    return `<figure>${linked ? `<a href="${src}">${img}</a>` : img}${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`;
  });
  return galleryHtml(figures, undefined);
}

/** A rendered block alone in a paragraph is taken out of it (what shortcode_unautop does). */
function unwrapMarked(text: string): string {
  if (!text.includes(OPEN)) return text;
  return text
    .replace(/<p(?:\s[^<>]*)?>[ \t\n]*\u0001/g, '')
    .replace(/\u0002[ \t\n]*<\/p>/g, '')
    .replace(/[\u0001\u0002]/g, '');
}

// ─── Elements the allowlist does not keep ──────────────────────────────────────────────────

const RETAGGED = /<(\/?)(h1|h5|h6|dl|dt|dd|address)\b[^<>]*>/gi;
const RETAG: Record<string, [open: string, close: string]> = {
  // The article's title is the page's h1; the body's headings are h2–h4.
  h1: ['<h2>', '</h2>'],
  h5: ['<h4>', '</h4>'],
  h6: ['<h4>', '</h4>'],
  // A definition list as a term in bold and its definition, paragraph by paragraph.
  dl: ['', ''],
  dt: ['<p><strong>', '</strong></p>'],
  dd: ['<p>', '</p>'],
  address: ['<p>', '</p>'],
};

/** Headings and definition lists the sanitiser would flatten into bare text, as elements it keeps. */
function retag(html: string): string {
  return html.replace(RETAGGED, (_t, close: string, name: string) => RETAG[name.toLowerCase()]![close ? 1 : 0]);
}

// ─── Old upload addresses ───────────────────────────────────────────────────────────────────

const MEDIA_TAG = /<(?:img|a|source)\s[^<>]*>/gi;
const URL_ATTR = /(\s)(src|href|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/**
 * Every image source, link and srcset candidate goes through `mediaUrl`: an address it knows
 * becomes the library's, so images and links to the full-size file leave the old site. A srcset
 * with any candidate it does not know is dropped (with its sizes): the library has its own variants.
 */
function rewriteMedia(html: string, mediaUrl: WordPressContentContext['mediaUrl']): string {
  if (!mediaUrl) return html;
  const map = (url: string) => mediaUrl(url.replace(/&amp;/g, '&'));
  return html.replace(MEDIA_TAG, (tag) => {
    let dropSizes = false;
    const out = tag.replace(URL_ATTR, (whole, space: string, attr: string, dq: string | undefined, sq: string | undefined) => {
      const value = (dq ?? sq ?? '').trim();
      if (attr.toLowerCase() === 'srcset') {
        const candidates = value.split(',').map((s) => s.trim().split(/\s+/));
        const mapped = candidates.map(([u = '', d]) => {
          const to = map(u);
          return to === undefined ? undefined : `${to}${d ? ` ${d}` : ''}`;
        });
        if (mapped.some((x) => x === undefined)) {
          dropSizes = true;
          return '';
        }
        return `${space}srcset="${escapeAttr(mapped.join(', '))}"`;
      }
      const to = map(value);
      return to === undefined ? whole : `${space}${attr}="${escapeAttr(to)}"`;
    });
    return dropSizes ? out.replace(/\ssizes\s*=\s*(?:"[^"]*"|'[^']*')/i, '') : out;
  });
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
