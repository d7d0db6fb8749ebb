import { sanitizeArticleHtml } from '../../platform/html/sanitize.ts';

/** What the importer knows while converting one body. */
export interface WordPressContentContext {
  /** The library address an old upload URL now has (`--uploads`), or undefined to keep the old URL. */
  mediaUrl?: (oldUrl: string) => string | undefined;
}

export interface ConvertedContent {
  /** Khabar's clean HTML: through the same sanitiser as the editor's. */
  html: string;
  /** Shortcodes Khabar does not know, kept as text; the report lists them. */
  unknownShortcodes: string[];
}

/**
 * A WordPress `content:encoded` body (Gutenberg blocks or a classic post) as Khabar's HTML.
 * GROUNDWORK (session 5): only sanitises; the wordpress-content work replaces the body with
 * blocks, wpautop, [caption], [gallery], [embed] and bare embed URLs, keeping this signature.
 */
export function convertWordPressContent(raw: string, _ctx: WordPressContentContext = {}): ConvertedContent {
  return { html: sanitizeArticleHtml(raw), unknownShortcodes: [] };
}
