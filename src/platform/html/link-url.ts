/**
 * A link address a writer typed in the editor, as an absolute http(s) or mailto URL, or null.
 * A bare "example.org/page" gets https://; every other scheme (javascript:, data:, …) is
 * refused, matching what the server's sanitiser keeps. Pure code: the editor's browser bundle
 * (src/editor-client/) imports it.
 */
export function safeLinkUrl(input: string): string | null {
  const s = input.trim();
  if (!s) return null;
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : /^[^\s/@]+@[^\s/@]+\.[^\s/@]+$/.test(s) ? `mailto:${s}` : `https://${s.replace(/^\/\/+/, '')}`;
  let u: URL;
  try {
    u = new URL(candidate);
  } catch {
    return null;
  }
  if (u.protocol === 'mailto:') return /^mailto:[^\s]+@[^\s]+$/.test(u.href) ? u.href : null;
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  return u.hostname.includes('.') || u.hostname === 'localhost' ? u.href : null;
}
