import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { Notices } from './layout.tsx';
import type { Notice, Option } from './view-models.ts';

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
  pagination: { prev: string | null; next: string | null; label: string } | null;
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
      <ul class="status-links">
        {vm.tabs.map((s) => (
          <li>
            <a href={s.url} aria-current={s.current ? 'page' : undefined}>
              {s.label} <span class="count">({s.count})</span>
            </a>
          </li>
        ))}
      </ul>
      <form method="get" action={vm.filterAction} class="filters" aria-label={t('cfilters')} role="search">
        <input type="hidden" name="status" value={vm.status} />
        {vm.article && <input type="hidden" name="article" value={String(vm.article.id)} />}
        <div class="field">
          <label for="c-q">{t('cfilterText')}</label>
          <input id="c-q" name="q" type="search" value={vm.text} aria-describedby="c-q-hint" />
          <p class="hint" id="c-q-hint">
            {t('cfilterTextHint')}
          </p>
        </div>
        <div class="field actions">
          <button type="submit" class="button">
            {t('applyFilters')}
          </button>
        </div>
      </form>
      <form method="post" action={vm.bulkAction} id="moderate">
        <input type="hidden" name="_csrf" value={vm.csrf} />
        {vm.hidden.map((h) => (
          <input type="hidden" name={h.name} value={h.value} />
        ))}
        <div class="bulk-bar">
          <div class="field">
            <label for="bulk-action">{t('bulkActions')}</label>
            <select id="bulk-action" name="action">
              {vm.bulkOptions.map((o) => (
                <option value={o.value} selected={o.selected}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button">
            {t('apply')}
          </button>
          <span class="total">{vm.total}</span>
        </div>
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
      {vm.pagination && (
        <nav class="pager" aria-label={t('pagination')}>
          {vm.pagination.prev && <a href={vm.pagination.prev} rel="prev">{t('previousPage')}</a>}
          <span>{vm.pagination.label}</span>
          {vm.pagination.next && <a href={vm.pagination.next} rel="next">{t('nextPage')}</a>}
        </nav>
      )}
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
        <input type="hidden" name="_csrf" value={vm.csrf} />
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
        {vm.error && (
          <p class="field-error" id="reply-body-error">
            {vm.error}
          </p>
        )}
        <p class="hint" id="reply-body-hint">
          {vm.hint}
        </p>
        <div class="field actions">
          <button type="submit" class="button">
            {t('creplySend')}
          </button>
          <a href={vm.backUrl}>{t('cbackToQueue')}</a>
        </div>
      </form>
    </>
  );
}
