import type { Account } from '../../domain/account.ts';
import type { Article, ArticleKind, ArticleState, ArticleStatus } from '../../domain/article.ts';
import type { Edition } from '../../domain/edition.ts';
import type { Problem } from '../../domain/errors.ts';
import type { Revision } from '../../domain/revision.ts';
import { zonedParts } from '../../platform/dates/format.ts';
import type { AdminStringKey, AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { problemMessage } from '../../platform/i18n/problems.ts';
import type { Comparison, EditorChoices } from '../../services/articles/editor-reads.ts';
import type { EditorForm } from '../../services/articles/editor-form.ts';
import { actionsFor } from '../../services/articles/editor-rules.ts';
import type { Urls } from '../../services/editions/urls.ts';
import { canDo, canDoTo } from '../../services/users/capabilities.ts';
import type { ComparePageVM, EditorPageVM, FieldErrors, RevisionsPageVM } from '../../theme/admin/editor-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { NEWS_FIELD_IDS, presentNewsFields } from './editor-fields-presenter.ts';
import { editorUrls } from './editor-urls.ts';

/** Form field ids that carry their own message; anything else is shown beside the buttons. */
const FIELD_IDS = new Set(['title', 'slug', 'body', 'excerpt', 'edition', 'categories', 'tags', 'authors', 'featured_image_url', 'featured_image_alt', 'featured_image_caption', 'featured_image_focus', 'publish_at', 'translations', 'action', ...NEWS_FIELD_IDS]);

export const editionLabel = (t: AdminTranslate, code: string) => (code === 'ar' ? t('editionName_ar') : code === 'en' ? t('editionName_en') : code);

/** «25 فبراير 2026 - 14:05» in the UI language, in the given zone (as the article list shows dates). */
export function dateText(iso: string, locale: 'ar' | 'en', timeZone: string): string {
  const z = zonedParts(iso, timeZone);
  const month = new Intl.DateTimeFormat(locale === 'ar' ? 'ar' : 'en-GB', { month: 'short', timeZone }).format(new Date(iso));
  return `${z.day} ${month} ${z.year} - ${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
}

/** Each refused field's message in the UI language, beside its field (others beside the buttons). */
export function fieldErrors(locale: 'ar' | 'en', problems: Record<string, Problem>): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, p] of Object.entries(problems)) out[FIELD_IDS.has(name) ? name : 'action'] ??= problemMessage(locale, p);
  return out;
}

/** What the editor page shows: the form as typed (or stored), and what the article is now. */
export interface EditorShow {
  status: number;
  /** A news post or a static page (the stored article's kind, or what the new one becomes). */
  kind: ArticleKind;
  /** The stored article (null: a new one, or one this account may not open). */
  article: Article | null;
  articleState: { status: ArticleStatus; authorIds: number[] } | null;
  version: number | null;
  form: EditorForm;
  errors?: FieldErrors;
  notices?: Notice[];
  conflict?: { compareUrl: string } | null;
  extraLinks?: { label: string; url: string }[];
}

export function presentEditor(o: EditorShow, c: EditorChoices, x: { account: Account; t: AdminTranslate; urls: Urls; csrf: string }): EditorPageVM {
  const { t, account } = x;
  const creditsOthers = canDoTo(account, 'article.edit', { status: 'draft', authorIds: [] });
  const { edition, editions } = c;
  const isPage = o.kind === 'page';
  const a = o.article;
  const links: { label: string; url: string }[] = [];
  if (a) {
    links.push({ label: t('preview'), url: editorUrls.preview(a.id) });
    if (a.status === 'published' && a.publishedAt) links.push({ label: t('viewLive'), url: isPage ? x.urls.staticPage(edition, a.slug) : x.urls.article(edition, a) });
    links.push({ label: t('revisionsLink', { count: c.revisionCount }), url: editorUrls.revisions(a.id) });
    links.push(...(o.extraLinks ?? []));
  }
  const heading = isPage
    ? a ? t('editPage') : t('newPageIn', { edition: editionLabel(t, edition.code) })
    : a ? t('editArticle') : t('newArticleIn', { edition: editionLabel(t, edition.code) });
  return {
    kind: o.kind,
    heading,
    notices: o.notices ?? [],
    conflict: o.conflict ?? null,
    action: a ? editorUrls.edit(a.id) : editorUrls.create(),
    autosaveUrl: a ? editorUrls.autosave(a.id) : editorUrls.createAutosave(),
    mediaUrl: editorUrls.media(),
    uploadUrl: canDo(account, 'media.upload') ? editorUrls.upload() : null,
    csrf: x.csrf,
    version: o.version,
    lang: edition.locale,
    dir: edition.dir,
    values: {
      title: o.form.title, body: o.form.bodyHtml, excerpt: o.form.excerpt, slug: o.form.slug, tags: o.form.tags,
      imageUrl: o.form.featuredImageUrl, imageAlt: o.form.featuredImageAlt, imageCaption: o.form.featuredImageCaption, imageCredit: o.form.featuredImageCredit, focusX: o.form.featuredImageFocusX, focusY: o.form.featuredImageFocusY,
      publishAt: o.form.publishAt,
    },
    errors: o.errors ?? {},
    editions: editions.map((e) => ({ value: e.code, label: editionLabel(t, e.code), selected: e.code === edition.code })),
    editionFixed: Boolean(a),
    categories: c.categories.map((cat) => ({ id: cat.id, label: cat.name, checked: o.form.categoryIds.includes(cat.id) })),
    // Only those who may edit others' articles are offered other people as co-authors (the service checks again).
    authors: c.accounts
      .filter((u) => creditsOthers || u.id === account.id || (o.articleState?.authorIds ?? []).includes(u.id))
      .map((u) => ({ id: u.id, label: `${u.name} (${t(`role_${u.role}`)})`, checked: o.form.authorIds.includes(u.id) })),
    commentsOpen: o.form.commentStatus === 'open',
    translations: c.translations.map((tr) => ({
      name: `translation_${tr.edition.code}`,
      label: t('translationIn', { edition: editionLabel(t, tr.edition.code) }),
      lang: tr.edition.locale,
      dir: tr.edition.dir,
      options: [
        { value: '', label: t('noTranslation'), selected: !tr.chosen },
        ...tr.offered.map((ch) => ({ value: String(ch.id), label: `${ch.title} (${t(`status_${ch.status}`)})`, selected: ch.id === tr.chosen?.id })),
      ],
    })),
    status: o.articleState ? t('currentStatus', { status: t(`status_${o.articleState.status}`) }) : null,
    zone: edition.timezone,
    buttons: actionsFor(account, o.articleState, o.kind).map((b) => ({ action: b, label: t(`action_${b}`) })),
    links,
    newLinks: a ? [] : editions.filter((e) => e.code !== edition.code).map((e) => isPage
      ? { label: t('newPageIn', { edition: editionLabel(t, e.code) }), url: editorUrls.create({ edition: e.code, kind: 'page' }) }
      : { label: t('newArticleIn', { edition: editionLabel(t, e.code) }), url: editorUrls.create({ edition: e.code }) }),
    news: presentNewsFields(o, account, edition),
  };
}

export function presentRevisions(
  r: { state: ArticleState; title: string; edition: Edition | undefined; revisions: Revision[] },
  x: { account: Account; t: AdminTranslate; csrf: string; restored: boolean },
): RevisionsPageVM {
  const { t, account } = x;
  const id = r.state.id;
  const zone = r.edition?.timezone ?? 'UTC';
  const restorable = r.state.status !== 'trash' && canDoTo(account, 'article.edit', r.state);
  return {
    heading: t('revisionsTitle', { title: r.title }),
    lang: r.edition?.locale ?? r.state.edition,
    notices: x.restored ? [{ kind: 'info', text: t('savedRestored') }] : [],
    compareAction: editorUrls.compareForm(id),
    csrf: x.csrf,
    rows: r.revisions.map((rev, i) => ({
      id: rev.id,
      when: { iso: rev.createdAt, text: dateText(rev.createdAt, account.locale, zone) },
      who: rev.userName ?? (rev.kind === 'original' ? '—' : t('someone')),
      kind: t(`kind_${rev.kind}`),
      title: rev.title,
      checkedFrom: i === 1,
      checkedTo: i === 0,
      restoreUrl: restorable ? editorUrls.restore(rev.articleId, rev.id) : null,
    })),
    editorUrl: editorUrls.edit(id),
  };
}

export function presentComparison(c: Comparison, x: { account: Account; t: AdminTranslate; csrf: string }): ComparePageVM {
  const { t, account } = x;
  const id = c.state.id;
  const zone = c.edition?.timezone ?? 'UTC';
  const label = (r: Revision, key: 'compareOlder' | 'compareNewer') =>
    r.id === 0 ? `${t('currentSaved')} · ${dateText(r.createdAt, account.locale, zone)}` : t(key, { id: r.id, when: dateText(r.createdAt, account.locale, zone), who: r.userName ?? t('someone') });
  const restorable = c.to.id !== 0 && c.state.status !== 'trash' && canDoTo(account, 'article.edit', c.state);
  const row = (labelKey: AdminStringKey, parts: Comparison['title']) => ({ label: t(labelKey), before: parts, after: parts, same: parts.every((p) => p.op === 'same') });
  return {
    heading: t('compareTitle'),
    lang: c.edition?.locale ?? c.state.edition,
    dir: c.edition?.dir ?? 'rtl',
    older: label(c.from, 'compareOlder'),
    newer: label(c.to, 'compareNewer'),
    rows: [row('fieldTitle', c.title), row('fieldExcerpt', c.excerpt), row('fieldBody', c.body)],
    note: c.markupOnly ? t('markupOnly') : [c.title, c.excerpt, c.body].every((ps) => ps.every((p) => p.op === 'same')) ? t('noChange') : null,
    revisionsUrl: editorUrls.revisions(id),
    editorUrl: editorUrls.edit(id),
    restore: restorable ? { url: editorUrls.restore(id, c.to.id), csrf: x.csrf, label: `${t('restore')} (#${c.to.id})` } : null,
  };
}
