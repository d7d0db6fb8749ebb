import { isUiLocale, type UiLocale } from '../../domain/account.ts';
import type { HeldSince } from '../../domain/comment.ts';
import { Invalid } from '../../domain/errors.ts';
import type { Clock } from '../../platform/clock.ts';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import type { Mailer } from '../../platform/mailer.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { rolesThatCan } from '../users/capabilities.ts';
import { parsePolicy, policySettingKey } from './policy.ts';

/** Site-wide setting: minutes between two digests to one recipient (`khabar comments digest`). */
export const DIGEST_SETTING = 'comments.digest-minutes';
export const DIGEST_DEFAULT_MINUTES = 15;
export const DIGEST_MINUTES = { min: 1, max: 24 * 60 } as const;
/** Held comments a digest lists (the rest are counted, and wait in the queue). */
export const DIGEST_NEWEST = 5;
/** How often the job looks for newly held comments when no recipient is waiting out an interval. */
const LOOK_EVERY_MS = 60_000;
const EXCERPT = 200;
/** The newsroom's moderation queue (web/admin/context.ts adminUrls.comments): services know no routes. */
const QUEUE_PATH = '/admin/comments';

/** The digest's interval in minutes: the setting, else 15 (a value out of range counts as unset). */
export async function digestMinutes(repos: Repositories): Promise<number> {
  const v = Number(await repos.settings.get(DIGEST_SETTING));
  return Number.isInteger(v) && v >= DIGEST_MINUTES.min && v <= DIGEST_MINUTES.max ? v : DIGEST_DEFAULT_MINUTES;
}

/** A typed interval, checked: whole minutes from 1 to a day; throws Invalid naming `digest-minutes`. */
export function parseDigestMinutes(value: string): number {
  const v = value.trim();
  const n = Number(v);
  if (!/^\d{1,5}$/.test(v) || n < DIGEST_MINUTES.min || n > DIGEST_MINUTES.max) throw new Invalid('digest-minutes', 'number', { ...DIGEST_MINUTES });
  return n;
}

/** Sets the interval (the CLI; the newsroom saves it with the settings form). */
export async function setDigestMinutes(repos: Repositories, value: string): Promise<number> {
  const n = parseDigestMinutes(value);
  // No page shows it: nothing readers see changes (the job reads it on each run).
  await repos.write((tx) => repos.settings.set(DIGEST_SETTING, String(n), tx), { invalidates: [] });
  return n;
}

/** Who is told: a moderator (every edition, their own language) or a policy's extra address (its editions). */
interface Recipient {
  address: string;
  locale: UiLocale;
  editions: string[] | null;
}

export interface ModeratorNoticeDeps {
  repos: Repositories;
  clock: Clock;
  mailer: Mailer;
  /** An absolute address for a site path (the queue's links). */
  absolute: (path: string) => string;
  log?: (line: string) => void;
}

/**
 * Moderator notices as a digest (issue 18): a flood of held comments must not become a flood of
 * e-mail. A periodic job (`moderator-notices`, the leader's) sends each recipient at most one
 * e-mail per interval, telling how many comments were held since the last one, the newest few,
 * and where the queue is. What each recipient was told is kept in the database (a watermark per
 * address): a restart neither loses a held comment nor tells it twice; a comment approved or
 * binned before the digest goes is not in it; a moderator who opened the queue is told only of
 * what was held after.
 */
export class ModeratorNotices {
  /** When the job should look next (the leader's memory only: the database stays the truth). */
  private nextAt = 0;

  constructor(private readonly deps: ModeratorNoticeDeps) {}

  /** The interval in minutes (the setting, else 15). */
  minutes(): Promise<number> {
    return digestMinutes(this.deps.repos);
  }

  setMinutes(value: string): Promise<number> {
    return setDigestMinutes(this.deps.repos, value);
  }

  /** Milliseconds until the job should run again (the periodic job's `every`). */
  nextWaitMs(): number {
    return Math.max(0, Math.min(this.nextAt - this.deps.clock.now().getTime(), LOOK_EVERY_MS));
  }

  /** A moderator opened the queue: what is held now is not news to them. */
  async seen(email: string): Promise<void> {
    const { repos } = this.deps;
    const upTo = await repos.moderatorNotices.newestHeldId();
    if (upTo) await repos.write((tx) => repos.moderatorNotices.seen(tx, email.toLowerCase(), upTo), { invalidates: [] });
  }

  /** One pass: a digest to each recipient who has news and whose interval has passed. */
  async run(): Promise<void> {
    const { repos, clock } = this.deps;
    const now = clock.now().getTime();
    const intervalMs = (await this.minutes()) * 60_000;
    const recipients = await this.recipients();
    const states = await repos.moderatorNotices.states(recipients.map((r) => r.address));
    let next = now + Math.min(LOOK_EVERY_MS, intervalMs);
    const found = new Map<string, Promise<HeldSince>>();
    for (const r of recipients) {
      const state = states.get(r.address) ?? { notifiedUpTo: 0, sentAt: null };
      // Recipients with the same watermark and editions (most moderators) share one query.
      const key = `${state.notifiedUpTo}|${r.editions?.join(',') ?? '*'}`;
      let p = found.get(key);
      if (!p) found.set(key, (p = repos.moderatorNotices.heldSince(state.notifiedUpTo, r.editions, DIGEST_NEWEST)));
      const held = await p;
      if (!held.count) continue;
      const due = state.sentAt ? Date.parse(state.sentAt) + intervalMs : now;
      if (due > now) {
        next = Math.min(next, due); // woken when the interval ends, not a minute later
        continue;
      }
      try {
        await this.deps.mailer.send(this.message(r, held));
      } catch (e) {
        // Not recorded as told: the next pass tries again.
        this.deps.log?.(`moderator digest to ${r.address} failed: ${(e as Error).message}`);
        continue;
      }
      // Recorded after sending: a crash in between sends it again rather than never.
      await repos.write((tx) => repos.moderatorNotices.sent(tx, r.address, held.upTo, new Date(now).toISOString()), { invalidates: [] });
    }
    this.nextAt = next;
  }

  /** Moderators (active accounts that may moderate) and each edition's extra `notify` addresses. */
  private async recipients(): Promise<Recipient[]> {
    const { repos } = this.deps;
    const out = new Map<string, Recipient>();
    for (const m of await repos.moderatorNotices.moderators(rolesThatCan('comment.moderate'))) {
      const address = m.email.toLowerCase();
      out.set(address, { address, locale: isUiLocale(m.locale) ? m.locale : 'ar', editions: null });
    }
    for (const e of await repos.editions.all()) {
      const policy = parsePolicy(await repos.settings.get(policySettingKey(e.code)));
      for (const a of policy.notify) {
        const address = a.toLowerCase();
        const known = out.get(address);
        if (known?.editions === null) continue; // a moderator already hears of every edition
        if (known) known.editions!.push(e.code);
        else out.set(address, { address, locale: e.locale.toLowerCase().startsWith('ar') ? 'ar' : 'en', editions: [e.code] });
      }
    }
    return [...out.values()];
  }

  private message(r: Recipient, held: HeldSince): { to: string; subject: string; text: string } {
    const t = adminTranslator(r.locale);
    const queue = this.deps.absolute(QUEUE_PATH);
    const lines = [
      t('dg_intro', { count: held.count }),
      '',
      ...held.newest.flatMap((c) => [
        `#${c.id} · ${c.authorName} · [${c.edition}] «${c.articleTitle}»`,
        `  ${oneLine(c.body)}`,
        `  ${this.deps.absolute(`${QUEUE_PATH}?article=${c.articleId}`)}`,
        '',
      ]),
      held.count > held.newest.length ? t('dg_more', { count: held.count - held.newest.length }) : null,
      t('dg_queue', { link: queue }),
    ].filter((l) => l !== null);
    return { to: r.address, subject: t('dg_subject', { count: held.count }), text: lines.join('\n') };
  }
}

const oneLine = (s: string) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
};
