import type { CommentContent } from '../../domain/comment.ts';
/**
 * An optional adapter for an Akismet-compatible service (Akismet's own API, or a self-hosted
 * one that speaks it). Off unless configured. Any failure answers 'unknown', which holds the
 * comment for a moderator: it fails open to `pending`, never to a lost comment.
 */
export type SpamVerdict = 'spam' | 'ham' | 'unknown';

export interface SpamCheckInput extends CommentContent {
  articleUrl: string;
  lang: string;
}

export interface SpamChecker {
  check(c: SpamCheckInput): Promise<SpamVerdict>;
}

export interface AkismetOptions {
  /** e.g. https://<key>.rest.akismet.com/1.1/comment-check */
  endpoint: string;
  /** The site URL the key is registered for (Akismet's `blog`). */
  site: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class AkismetChecker implements SpamChecker {
  constructor(private readonly o: AkismetOptions) {}

  async check(c: SpamCheckInput): Promise<SpamVerdict> {
    const body = new URLSearchParams({
      blog: this.o.site,
      user_ip: c.ip,
      user_agent: c.userAgent,
      permalink: c.articleUrl,
      comment_type: 'comment',
      comment_author: c.authorName,
      comment_author_email: c.authorEmail,
      comment_author_url: c.authorUrl,
      comment_content: c.body,
      blog_lang: c.lang,
      blog_charset: 'UTF-8',
    });
    try {
      const res = await (this.o.fetch ?? fetch)(this.o.endpoint, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 3000),
      });
      const text = (await res.text()).trim();
      // Akismet answers "true" (spam) or "false" (ham); anything else (an error, "invalid") is unknown.
      if (res.ok && text === 'true') return 'spam';
      if (res.ok && text === 'false') return 'ham';
      return 'unknown';
    } catch {
      return 'unknown';
    }
  }
}
