import type { CommentContent, CommentModeration, CommentPolicy } from '../../domain/comment.ts';
import { Invalid } from '../../domain/errors.ts';
import { countLinks, findListedWord } from './text.ts';

/** WordPress's defaults, where WordPress has one. */
export const DEFAULT_POLICY: CommentPolicy = Object.freeze({
  holdAll: false,
  autoApproveKnown: true,
  closeAfterDays: 0,
  maxLinks: 2,
  holdWords: [],
  blockWords: [],
  threadDepth: 5,
  perPage: 50,
  minFillSeconds: 3,
  // A reader may leave a page open for a working day before posting; older tokens re-show the
  // form (text kept) with a fresh one. Pages get a fresh token on every response, so this bounds
  // only the time a page sits open, not the render cache's lifetime.
  tokenMaxAgeSeconds: 24 * 3600,
  floodSeconds: 15,
  notify: [],
});

/** WordPress's column limits (wp_comments): a longer value is refused with a message. */
export const LIMITS = { author: 245, email: 100, url: 200, comment: 65525 } as const;

export const POLICY_KEYS = [
  'hold-all', 'auto-approve-known', 'close-after-days', 'max-links', 'hold-words', 'block-words',
  'thread-depth', 'per-page', 'min-fill-seconds', 'token-max-age-seconds', 'flood-seconds', 'notify',
] as const;

export type PolicyKey = (typeof POLICY_KEYS)[number];

/**
 * A policy by the names `applyPolicySetting` takes (word lists as lists), so what is shown can be
 * written back as it reads.
 */
export function policySettings(p: CommentPolicy): Record<PolicyKey, number | boolean | string[]> {
  return {
    'hold-all': p.holdAll, 'auto-approve-known': p.autoApproveKnown, 'close-after-days': p.closeAfterDays,
    'max-links': p.maxLinks, 'hold-words': p.holdWords, 'block-words': p.blockWords, 'thread-depth': p.threadDepth,
    'per-page': p.perPage, 'min-fill-seconds': p.minFillSeconds, 'token-max-age-seconds': p.tokenMaxAgeSeconds,
    'flood-seconds': p.floodSeconds, notify: p.notify,
  };
}

export const policySettingKey = (edition: string) => `comments.policy.${edition}`;

function int(key: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Invalid(key, 'number', { min, max });
  return n;
}

function bool(key: string, v: string): boolean {
  if (/^(true|yes|on|1)$/i.test(v)) return true;
  if (/^(false|no|off|0)$/i.test(v)) return false;
  throw new Invalid(key, 'boolean');
}

/** Word lists are given comma- or newline-separated (WordPress: one per line). */
const words = (v: string) => v.split(/[\n,،]/).map((w) => w.trim()).filter(Boolean);

/** One `key=value` change applied to a policy, validated; throws Invalid naming the key. */
export function applyPolicySetting(p: CommentPolicy, key: string, value: string): CommentPolicy {
  const v = value.trim();
  switch (key as (typeof POLICY_KEYS)[number]) {
    case 'hold-all': return { ...p, holdAll: bool(key, v) };
    case 'auto-approve-known': return { ...p, autoApproveKnown: bool(key, v) };
    case 'close-after-days': return { ...p, closeAfterDays: int(key, v, 0, 36500) };
    case 'max-links': return { ...p, maxLinks: int(key, v, 0, 1000) };
    case 'hold-words': return { ...p, holdWords: words(v) };
    case 'block-words': return { ...p, blockWords: words(v) };
    case 'thread-depth': return { ...p, threadDepth: int(key, v, 1, 10) };
    case 'per-page': return { ...p, perPage: int(key, v, 1, 1000) };
    case 'min-fill-seconds': return { ...p, minFillSeconds: int(key, v, 0, 600) };
    case 'token-max-age-seconds': return { ...p, tokenMaxAgeSeconds: int(key, v, 60, 30 * 86400) };
    case 'flood-seconds': return { ...p, floodSeconds: int(key, v, 0, 3600) };
    case 'notify': return { ...p, notify: words(v) };
    default: throw new Invalid(key, 'not_a_setting', { known: POLICY_KEYS.join(', ') });
  }
}

/** A stored policy (JSON) over the defaults; unknown or malformed values fall back to them. */
export function parsePolicy(json: string | null): CommentPolicy {
  if (!json) return DEFAULT_POLICY;
  try {
    const raw = JSON.parse(json) as Partial<Record<keyof CommentPolicy, unknown>>;
    const out: Record<string, unknown> = { ...DEFAULT_POLICY };
    for (const [k, dv] of Object.entries(DEFAULT_POLICY)) {
      const v = raw[k as keyof CommentPolicy];
      if (Array.isArray(dv) ? Array.isArray(v) && v.every((x) => typeof x === 'string') : typeof v === typeof dv) out[k] = v;
    }
    return out as unknown as CommentPolicy;
  } catch {
    return DEFAULT_POLICY;
  }
}

export interface ModerationFacts extends CommentContent {
  /** The honeypot was filled in. */
  trapped: boolean;
  /** The same name and e-mail have an approved comment. */
  known: boolean;
  /** An Akismet-compatible service's verdict, when one is configured. */
  spamVerdict: 'spam' | 'ham' | 'unknown' | null;
}

/**
 * The status a new comment gets, in WordPress's order (wp_allow_comment → check_comment):
 * disallowed words bin it, the spam verdicts mark it, and otherwise it is held unless every
 * rule lets it through. Never "drop": a refused comment is still stored for a moderator.
 */
export function decideStatus(p: CommentPolicy, f: ModerationFacts): { status: CommentModeration; why: string } {
  const fields = [f.authorName, f.authorEmail, f.authorUrl, f.body, f.ip, f.userAgent];
  const blocked = findListedWord(p.blockWords, fields);
  if (blocked) return { status: 'trash', why: `block word "${blocked}"` };
  if (f.trapped) return { status: 'spam', why: 'honeypot filled in' };
  if (f.spamVerdict === 'spam') return { status: 'spam', why: 'spam service' };
  if (f.spamVerdict === 'unknown') return { status: 'pending', why: 'spam service unreachable' };
  if (p.holdAll) return { status: 'pending', why: 'every comment is held' };
  if (p.maxLinks > 0 && countLinks(f.body) >= p.maxLinks) return { status: 'pending', why: `${p.maxLinks} or more links` };
  const held = findListedWord(p.holdWords, fields);
  if (held) return { status: 'pending', why: `hold word "${held}"` };
  if (!p.autoApproveKnown || !f.known) return { status: 'pending', why: 'first comment' };
  return { status: 'approved', why: 'known commenter' };
}
