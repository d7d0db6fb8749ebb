import type { CommentPolicy } from '../../domain/comment.ts';
import type { Edition } from '../../domain/edition.ts';
import { Invalid, NotFound } from '../../domain/errors.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { applyPolicySetting, parsePolicy, POLICY_KEYS, policySettingKey } from '../comments/policy.ts';
import { applyEditionSetting, EDITION_SETTINGS, updateEdition } from '../editions/settings.ts';
import { FormRefused, type Problem } from './problems.ts';

/** Yes/no settings: an unticked checkbox sends nothing, which means false. */
export const BOOLEAN_SETTINGS: readonly string[] = ['hijri', 'default', 'hold-all', 'auto-approve-known'];
/** Word lists are edited one per line. */
export const LIST_SETTINGS: readonly string[] = ['hold-words', 'block-words', 'notify'];

/** The edition's settings and comment policy as form values, by the names `khabar editions set` uses. */
export function formValues(e: Edition, p: CommentPolicy): Record<string, string> {
  return {
    'site-name': e.siteName, tagline: e.tagline, locale: e.locale, dir: e.dir, timezone: e.timezone, digits: e.digits,
    'month-style': e.monthStyle, hijri: String(e.showHijri), host: e.host ?? '', default: String(e.isDefault),
    'logo-url': e.logoUrl ?? '', 'favicon-url': e.faviconUrl ?? '', 'share-image-url': e.shareImageUrl ?? '',
    'hold-all': String(p.holdAll), 'auto-approve-known': String(p.autoApproveKnown), 'close-after-days': String(p.closeAfterDays),
    'max-links': String(p.maxLinks), 'hold-words': p.holdWords.join('\n'), 'block-words': p.blockWords.join('\n'),
    'thread-depth': String(p.threadDepth), 'per-page': String(p.perPage), 'min-fill-seconds': String(p.minFillSeconds),
    'token-max-age-seconds': String(p.tokenMaxAgeSeconds), 'flood-seconds': String(p.floodSeconds), notify: p.notify.join('\n'),
  };
}

/** A refusal of the settings services, as a field problem the page can word. */
function problemOf(e: Invalid): Problem {
  const range = /whole number from (\d+) to (\d+)/.exec(e.reason);
  if (range) return { code: 'number', min: Number(range[1]), max: Number(range[2]) };
  if (/true or false/.test(e.reason)) return { code: 'choice' };
  if (/URL or a path/.test(e.reason)) return { code: 'url' };
  if (e.field === 'site-name') return { code: 'required' };
  return { code: 'setting', reason: e.reason };
}

/** The settings screen's save: every value checked by the CLI's own rules, all written in one transaction or none. */
export class EditionForm {
  constructor(private readonly deps: { repos: Repositories }) {}

  async load(code: string): Promise<{ edition: Edition; values: Record<string, string> }> {
    const edition = (await this.deps.repos.editions.all()).find((e) => e.code === code);
    if (!edition) throw new NotFound(`edition "${code}"`);
    return { edition, values: formValues(edition, parsePolicy(await this.deps.repos.settings.get(policySettingKey(code)))) };
  }

  async save(code: string, typed: Record<string, string>): Promise<void> {
    const { repos } = this.deps;
    const { edition } = await this.load(code);
    const problems: Record<string, Problem> = {};
    const editionChanges: [string, string][] = [];
    // Each value alone first, so every bad one is reported, not just the first.
    for (const key of EDITION_SETTINGS) {
      const v = typed[key] ?? '';
      try {
        applyEditionSetting(edition, key, v);
        editionChanges.push([key, v]);
      } catch (e) {
        if (!(e instanceof Invalid)) throw e;
        problems[key] = problemOf(e);
      }
    }
    let policy = parsePolicy(await repos.settings.get(policySettingKey(code)));
    for (const key of POLICY_KEYS) {
      const v = typed[key] ?? '';
      try {
        policy = applyPolicySetting(policy, key, v);
      } catch (e) {
        if (!(e instanceof Invalid)) throw e;
        problems[key] = problemOf(e);
      }
    }
    if (Object.keys(problems).length) throw new FormRefused(problems);
    try {
      await repos.transaction(async (tx) => {
        await updateEdition(repos, code, editionChanges, tx);
        // updateEdition bumped the change counter: thread depth, paging and closing change pages too.
        await repos.settings.set(policySettingKey(code), JSON.stringify(policy), tx);
      });
    } catch (e) {
      if (e instanceof Invalid) throw new FormRefused({ [e.field]: problemOf(e) });
      throw e;
    }
  }
}
