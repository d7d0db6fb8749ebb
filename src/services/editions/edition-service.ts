import type { CommentPolicy } from '../../domain/comment.ts';
import type { Edition } from '../../domain/edition.ts';
import { NotFound, Problems } from '../../domain/errors.ts';
import { invalidates } from '../../domain/invalidation.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { DIGEST_SETTING, digestMinutes, parseDigestMinutes } from '../comments/moderator-notices.ts';
import { applyPolicySetting, parsePolicy, POLICY_KEYS, policySettingKey } from '../comments/policy.ts';
import { type EditionSet, loadEditions } from './editions.ts';
import { applyEditionChanges, applyEditionSetting, EDITION_SETTINGS } from './settings.ts';

/** Yes/no settings: an unticked checkbox sends nothing, which means false. */
export const BOOLEAN_SETTINGS: readonly string[] = ['hijri', 'default', 'hold-all', 'auto-approve-known', 'wp-api-comments'];
/** Word lists are edited one per line. */
export const LIST_SETTINGS: readonly string[] = ['hold-words', 'block-words', 'notify'];
/** Settings of the whole site shown on every edition's form: the moderators' digest interval. */
export const SITE_SETTINGS: readonly string[] = ['digest-minutes'];
/** Every setting of the settings form: the edition's, its comment policy's, then the site's. */
export const ALL_SETTINGS: readonly string[] = [...EDITION_SETTINGS, ...POLICY_KEYS, ...SITE_SETTINGS];

/** The edition's settings and comment policy as form values, by the names `khabar editions set` uses. */
export function formValues(e: Edition, p: CommentPolicy, site: { digestMinutes: number }): Record<string, string> {
  return {
    'site-name': e.siteName, tagline: e.tagline, locale: e.locale, dir: e.dir, timezone: e.timezone, digits: e.digits,
    'month-style': e.monthStyle, hijri: String(e.showHijri), host: e.host ?? '', default: String(e.isDefault),
    'logo-url': e.logoUrl ?? '', 'favicon-url': e.faviconUrl ?? '', 'share-image-url': e.shareImageUrl ?? '', 'wp-api-comments': String(e.wpApiComments),
    'hold-all': String(p.holdAll), 'auto-approve-known': String(p.autoApproveKnown), 'close-after-days': String(p.closeAfterDays),
    'max-links': String(p.maxLinks), 'hold-words': p.holdWords.join('\n'), 'block-words': p.blockWords.join('\n'),
    'thread-depth': String(p.threadDepth), 'per-page': String(p.perPage), 'min-fill-seconds': String(p.minFillSeconds),
    'token-max-age-seconds': String(p.tokenMaxAgeSeconds), 'flood-seconds': String(p.floodSeconds), notify: p.notify.join('\n'),
    'digest-minutes': String(site.digestMinutes),
  };
}

/** The site's editions and their settings, as the newsroom reads and changes them. */
export class EditionService {
  constructor(private readonly deps: { repos: Repositories }) {}

  async all(): Promise<EditionSet> {
    return loadEditions(this.deps.repos);
  }

  /** The edition `code` names, else the default edition (a tab of a newsroom screen). */
  async resolve(code: string): Promise<{ edition: Edition; editions: EditionSet }> {
    const editions = await this.all();
    return { edition: editions.get(code) ?? editions.default, editions };
  }

  /** The settings screen's values: the edition's settings and its comment policy. */
  async settingsForm(code: string): Promise<Record<string, string>> {
    const edition = (await this.deps.repos.editions.all()).find((e) => e.code === code);
    if (!edition) throw new NotFound(`edition "${code}"`);
    return formValues(edition, parsePolicy(await this.deps.repos.settings.get(policySettingKey(code))), { digestMinutes: await digestMinutes(this.deps.repos) });
  }

  /**
   * The settings screen's save: every value checked by the CLI's own rules (each bad one reported,
   * not only the first), all written in one write or none.
   */
  async saveSettings(code: string, typed: Record<string, string>): Promise<void> {
    const { repos } = this.deps;
    const edition = (await repos.editions.all()).find((e) => e.code === code);
    if (!edition) throw new NotFound(`edition "${code}"`);
    const p = new Problems();
    const editionChanges: [string, string][] = [];
    for (const key of EDITION_SETTINGS) {
      const v = typed[key] ?? '';
      if (p.collect(() => applyEditionSetting(edition, key, v))) editionChanges.push([key, v]);
    }
    let policy = parsePolicy(await repos.settings.get(policySettingKey(code)));
    for (const key of POLICY_KEYS) policy = p.collect(() => applyPolicySetting(policy, key, typed[key] ?? '')) ?? policy;
    const minutes = p.collect(() => parseDigestMinutes(typed['digest-minutes'] ?? ''));
    p.done();
    // Thread depth, paging and closing change the edition's pages as much as its settings do.
    await repos.write(async (tx, touch) => {
      await applyEditionChanges(repos, tx, touch, code, editionChanges);
      await repos.settings.set(policySettingKey(code), JSON.stringify(policy), tx);
      if (minutes !== undefined) await repos.settings.set(DIGEST_SETTING, String(minutes), tx);
    }, { invalidates: [invalidates.edition(code)] });
  }
}
