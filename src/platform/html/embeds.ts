/**
 * Embeds of outside posts (a YouTube video, a post on X) in article HTML. They are stored as an
 * inert placeholder that names only a provider and a strictly checked id:
 *
 *   <figure data-embed="youtube" data-embed-id="dQw4w9WgXcQ"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></figure>
 *
 * which reads as a plain link anywhere (feeds, the editor without JavaScript), and which the
 * public site turns into a link card on the server: no iframe, no third-party script, no
 * request to the provider. Everything about a placeholder is rebuilt from (provider, id), so
 * nothing else a writer or a paste put inside it survives.
 *
 * Pure string code with no Node or DOM dependency: the editor's browser bundle uses the same
 * recognisers, so the editor and the server agree on what an embed is.
 */
export type EmbedProvider = 'youtube' | 'x';

export interface Embed {
  provider: EmbedProvider;
  id: string;
}

const ID_PATTERNS: Record<EmbedProvider, RegExp> = {
  // YouTube video ids are 11 characters of base64url.
  youtube: /^[A-Za-z0-9_-]{11}$/,
  // X (Twitter) post ids are 64-bit integers: at most 19 digits.
  x: /^[1-9][0-9]{0,18}$/,
};

export const EMBED_PROVIDER_NAMES: Record<EmbedProvider, string> = { youtube: 'YouTube', x: 'X' };

/** (provider, id) as an Embed when both are well formed, else null. */
export function embedOf(provider: unknown, id: unknown): Embed | null {
  if (provider !== 'youtube' && provider !== 'x') return null;
  if (typeof id !== 'string' || !ID_PATTERNS[provider].test(id)) return null;
  return { provider, id };
}

const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtube-nocookie.com', 'www.youtube-nocookie.com']);
const X_HOSTS = new Set(['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com']);
const X_HANDLE = /^[A-Za-z0-9_]{1,15}$/;

/**
 * The embed a pasted link points to: YouTube watch, short, shorts, live and embed links, and
 * X/Twitter post links. Anything else (other hosts, credentials or ports in the URL, other
 * schemes, malformed ids) is null.
 */
export function embedFromUrl(input: string): Embed | null {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return null;
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password || u.port) return null;
  const host = u.hostname.toLowerCase();
  const parts = u.pathname.split('/').filter(Boolean);
  if (host === 'youtu.be') return parts.length === 1 ? embedOf('youtube', parts[0]) : null;
  if (YOUTUBE_HOSTS.has(host)) {
    if (parts.length === 1 && parts[0] === 'watch') return embedOf('youtube', u.searchParams.get('v'));
    if (parts.length === 2 && ['shorts', 'embed', 'live', 'v'].includes(parts[0] ?? '')) return embedOf('youtube', parts[1]);
    return null;
  }
  if (X_HOSTS.has(host)) {
    // /<handle>/status/<id>, optionally followed by /photo/1 and the like; /i/web/status/<id>.
    const [a, b, c, d] = parts;
    if (a === 'i' && b === 'web' && c === 'status') return embedOf('x', d);
    if (a === 'i' && b === 'status') return embedOf('x', c);
    if (a && X_HANDLE.test(a) && b === 'status') return embedOf('x', c);
    return null;
  }
  return null;
}

/** The provider's public page for an embed (always https, built from the checked id only). */
export function embedUrl(e: Embed): string {
  return e.provider === 'youtube' ? `https://www.youtube.com/watch?v=${e.id}` : `https://x.com/i/web/status/${e.id}`;
}

/** The stored placeholder, exactly as sanitizeArticleHtml leaves it (a fixed point). */
export function embedPlaceholderHtml(e: Embed): string {
  const url = embedUrl(e);
  return `<figure data-embed="${e.provider}" data-embed-id="${e.id}"><a href="${url}" rel="noopener">${url}</a></figure>`;
}

const FIGURE_TAG = /<(\/?)figure\b([^>]*)>/g;
const EMBED_ATTRS = /^ data-embed="([^"]*)" data-embed-id="([^"]*)"$/;

/**
 * Replaces every embed figure, with whatever it contains, by its canonical placeholder.
 * Only for the output of sanitize-html: there every `<` starts a real tag (text and attribute
 * values have theirs escaped), and the sanitiser has already dropped data-embed attributes
 * that do not form a valid pair, so the scan below cannot be fooled by markup in text.
 */
export function canonicalEmbeds(sanitized: string): string {
  if (!sanitized.includes('data-embed')) return sanitized;
  let out = '';
  let from = 0;
  FIGURE_TAG.lastIndex = 0;
  for (let m = FIGURE_TAG.exec(sanitized); m; m = FIGURE_TAG.exec(sanitized)) {
    if (m[1] || !m[2]?.includes('data-embed')) continue;
    const attrs = EMBED_ATTRS.exec(m[2]);
    const embed = attrs ? embedOf(attrs[1], attrs[2]) : null;
    const close = embed ? matchingClose(sanitized, FIGURE_TAG.lastIndex) : -1;
    out += sanitized.slice(from, m.index);
    if (embed && close >= 0) {
      out += embedPlaceholderHtml(embed);
      from = close;
    } else {
      // Not a well-formed placeholder: keep it as a plain figure.
      out += '<figure>';
      from = FIGURE_TAG.lastIndex;
    }
    FIGURE_TAG.lastIndex = from;
  }
  return out + sanitized.slice(from);
}

/** The index just after the `</figure>` closing the figure whose content starts at `start`. */
function matchingClose(html: string, start: number): number {
  const re = new RegExp(FIGURE_TAG.source, 'g');
  re.lastIndex = start;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return re.lastIndex;
  }
  return -1;
}

const PLACEHOLDER = /<figure data-embed="([a-z]+)" data-embed-id="([A-Za-z0-9_-]+)"><a href="[^"<>]*" rel="noopener">[^<]*<\/a><\/figure>/g;

/**
 * Stored article HTML for a public page: each placeholder becomes a link card (provider name
 * and address), rebuilt from its checked id. No iframe, script, or remote image: reading an
 * article makes no request to the provider.
 */
export function renderEmbedCards(stored: string): string {
  if (!stored.includes('data-embed')) return stored;
  return stored.replace(PLACEHOLDER, (whole, provider: string, id: string) => {
    const e = embedOf(provider, id);
    if (!e) return whole;
    const url = embedUrl(e);
    const shown = url.replace(/^https:\/\/(www\.)?/, '');
    return (
      `<figure class="embed embed-${e.provider}">` +
      `<a class="embed-card" href="${url}" rel="noopener nofollow external">` +
      `<span class="embed-provider">${EMBED_PROVIDER_NAMES[e.provider]}</span>` +
      `<span class="embed-url" dir="ltr">${shown}</span></a></figure>`
    );
  });
}
