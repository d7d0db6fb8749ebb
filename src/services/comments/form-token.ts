import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The comment form's anti-spam token: `<issued-at seconds>.<HMAC(secret, article id, issued-at)>`.
 * Stateless (nothing stored, any instance with the secret can check it) and bound to one article.
 * It proves the form came from this site's page for this article, and when: a post earlier than
 * the minimum fill time is a bot's, one older than the maximum age is from a stale page.
 *
 * The article page is cached and shared, so the token is NOT part of the cached HTML: the public
 * handler writes a fresh one into each response (see web/public/site.ts), and the fill time is
 * measured from when this reader received the page.
 */
export type TokenCheck = 'ok' | 'early' | 'expired' | 'invalid';

const SIG_BYTES = 18; // 144 bits, shown as 24 base64url characters

function signature(secret: string, articleId: number, issuedAt: number): Buffer {
  return createHmac('sha256', secret).update(`khabar-comment-form\0${articleId}\0${issuedAt}`).digest().subarray(0, SIG_BYTES);
}

export function issueFormToken(secret: string, articleId: number, now: Date): string {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return `${issuedAt}.${signature(secret, articleId, issuedAt).toString('base64url')}`;
}

/** How many verified tokens `checkFormToken` may be given to remember (then it starts again). */
const VERIFIED_MAX = 4096;

/**
 * Whether `token` was issued for this article by this secret, and is neither too fresh nor too old.
 * `verified`: the tokens (with their article) this secret has verified already, kept by the
 * caller. One page's token is posted by its many readers, and its HMAC was a twentieth of a
 * comment POST's CPU. Only tokens that verified go in, so a forger cannot fill it; the age rules
 * are checked every time.
 */
export function checkFormToken(
  secret: string,
  articleId: number,
  token: string,
  now: Date,
  limits: { minFillSeconds: number; maxAgeSeconds: number },
  verified?: Set<string>,
): TokenCheck {
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{24})$/.exec(token.trim());
  if (!m) return 'invalid';
  const issuedAt = Number(m[1]);
  const known = `${articleId}:${m[0]}`;
  if (!verified?.has(known)) {
    const given = Buffer.from(m[2]!, 'base64url');
    const expected = signature(secret, articleId, issuedAt);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    if (verified) {
      if (verified.size >= VERIFIED_MAX) verified.clear();
      verified.add(known);
    }
  }
  const age = now.getTime() / 1000 - issuedAt;
  // A token from the future (a clock skew between instances) of more than a minute is forged.
  if (age < -60) return 'invalid';
  if (age < limits.minFillSeconds) return 'early';
  if (age > limits.maxAgeSeconds) return 'expired';
  return 'ok';
}
