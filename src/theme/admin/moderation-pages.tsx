import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { BulkActions, FormActions, Pagination, StatusLinks } from './components.tsx';
import { Csrf, FieldError, TextField } from './form-fields.tsx';
import { Notices } from './layout.tsx';
import type { Notice, Option, PaginationVM } from './view-models.ts';

export interface ModerationRowVM {
  id: number;
  checked: boolean;
  selectLabel: string;
  authorName: string;
  authorUrl: string;
  /** Private: only moderators see these, and only here. */
  email: string;
  ip: string;
  body: string;
  date: { iso: string; text: string };
  article: { title: string; lang: string; url: string | null; filterUrl: string };
  inReplyTo: string | null;
  /** Row buttons: each posts the bulk form with `row=<action>:<id>`. */
  actions: { value: string; label: string; danger: boolean }[];
  replyUrl: string | null;
}

export interface ModerationQueueVM {
  notices: Notice[];
  tabs: { label: string; count: number; url: string; current: boolean }[];
  filterAction: string;
  status: string;
  article: { id: number; heading: string; clearUrl: string } | null;
  text: string;
  bulkAction: string;
  csrf: string;
  hidden: { name: string; value: string }[];
  bulkOptions: Option[];
  rows: ModerationRowVM[];
  total: string;
  pagination: PaginationVM | null;
}

export function ModerationQueuePage({ vm, t }: { vm: ModerationQueueVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('comments')}</h1>
      {vm.article && (
        <p class="scope">
          <bdi>{vm.article.heading}</bdi> · <a href={vm.article.clearUrl}>{t('callArticles')}</a>
        </p>
      )}
      <Notices notices={vm.notices} />
      <StatusLinks links={vm.tabs} />
      <form method="get" action={vm.filterAction} class="filters" aria-label={t('cfilters')} role="search">
        <input type="hidden" name="status" value={vm.status} />
        {vm.article && <input type="hidden" name="article" value={String(vm.article.id)} />}
        <TextField f={{ id: 'c-q', name: 'q', label: t('cfilterText'), value: vm.text, type: 'search', hint: t('cfilterTextHint') }} />
        <FormActions label={t('applyFilters')} />
      </form>
      <form method="post" action={vm.bulkAction} id="moderate">
        <BulkActions csrf={vm.csrf} hidden={vm.hidden} options={vm.bulkOptions} total={vm.total} t={t} />
        {vm.rows.length ? (
          <ol class="comment-queue">
            {vm.rows.map((r) => (
              <li id={`c-${r.id}`} class="queued-comment">
                <div class="qc-head">
                  <input type="checkbox" name="ids" value={String(r.id)} checked={r.checked} aria-label={r.selectLabel} />
                  <strong class="qc-author">
                    <bdi>{r.authorName}</bdi>
                  </strong>
                  <span class="qc-private">
                    <span class="visually-hidden">{t('cemail')}: </span>
                    <bdi dir="ltr">{r.email}</bdi>
                    {' · '}
                    <span class="visually-hidden">{t('cip')}: </span>
                    <bdi dir="ltr">{r.ip || '—'}</bdi>
                  </span>
                  <time dateTime={r.date.iso}>{r.date.text}</time>
                </div>
                {r.authorUrl && (
                  <p class="qc-url">
                    <bdi dir="ltr">{r.authorUrl}</bdi>
                  </p>
                )}
                {r.inReplyTo && <p class="qc-meta">{r.inReplyTo}</p>}
                <div class="qc-body" dir="auto">
                  {r.body}
                </div>
                <p class="qc-meta">
                  {t('conArticleLabel')}{' '}
                  <bdi lang={r.article.lang}>{r.article.url ? <a href={r.article.url}>{r.article.title}</a> : <>{r.article.title}</>}</bdi>
                  {' · '}
                  <a href={r.article.filterUrl}>{t('conlyThisArticle')}</a>
                </p>
                <div class="qc-actions" role="group" aria-label={t('crowActions')}>
                  {r.actions.map((a) => (
                    <button type="submit" name="row" value={a.value} class={a.danger ? 'small-button danger' : 'small-button'}>
                      {a.label}
                    </button>
                  ))}
                  {r.replyUrl && (
                    <a class="small-button" href={r.replyUrl}>
                      {t('creply')}
                    </a>
                  )}
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p class="empty">{t('cempty')}</p>
        )}
      </form>
      <Pagination pagination={vm.pagination} t={t} />
    </>
  );
}

export interface StaffReplyVM {
  notice: Notice | null;
  action: string;
  csrf: string;
  parent: { authorName: string; body: string; date: { iso: string; text: string }; articleTitle: string; articleLang: string; pending: boolean };
  body: string;
  error: string | null;
  hint: string;
  backUrl: string;
}

export function StaffReplyPage({ vm, t }: { vm: StaffReplyVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('creplyTitle')}</h1>
      <Notices notices={[vm.notice]} />
      <blockquote class="queued-comment">
        <div class="qc-head">
          <strong class="qc-author">
            <bdi>{vm.parent.authorName}</bdi>
          </strong>
          <time dateTime={vm.parent.date.iso}>{vm.parent.date.text}</time>
        </div>
        <div class="qc-body" dir="auto">
          {vm.parent.body}
        </div>
        <p class="qc-meta">
          {t('conArticleLabel')} <bdi lang={vm.parent.articleLang}>{vm.parent.articleTitle}</bdi>
        </p>
      </blockquote>
      {vm.parent.pending && <p class="notice">{t('creplyApprovesParent')}</p>}
      <form method="post" action={vm.action} class="stack wide-form">
        <Csrf token={vm.csrf} />
        <label for="reply-body">{t('creplyBody')}</label>
        <textarea
          id="reply-body"
          name="comment"
          rows={6}
          required
          aria-invalid={vm.error ? 'true' : undefined}
          aria-describedby={vm.error ? 'reply-body-error reply-body-hint' : 'reply-body-hint'}
        >
          {vm.body}
        </textarea>
        <FieldError id="reply-body-error" error={vm.error} />
        <p class="hint" id="reply-body-hint">
          {vm.hint}
        </p>
        <FormActions label={t('creplySend')}>
          <a href={vm.backUrl}>{t('cbackToQueue')}</a>
        </FormActions>
      </form>
    </>
  );
}
