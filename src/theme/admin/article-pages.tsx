import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { Notices } from './layout.tsx';
import type { ArticleListVM, DashboardVM, Option } from './view-models.ts';

function Select({ id, name, label, options }: { id: string; name: string; label: string; options: Option[] }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        {options.map((o) => (
          <option value={o.value} selected={o.selected}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function DashboardPage({ vm, t }: { vm: DashboardVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{vm.welcome}</h1>
      <p>{vm.role}</p>
      <section aria-labelledby="counts-title">
        <h2 id="counts-title">{t('countsTitle')}</h2>
        <ul class="counts">
          {vm.counts.map((c) => (
            <li>
              <a href={c.url}>
                <span class="count">{c.count}</span> {c.label}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <p>
        <a class="button" href={vm.articlesUrl}>
          {t('articles')}
        </a>
      </p>
    </>
  );
}

export function ArticleListPage({ vm, t }: { vm: ArticleListVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('articles')}</h1>
      {vm.newUrl && (
        <p>
          <a class="button" href={vm.newUrl}>
            {t('newArticle')}
          </a>
        </p>
      )}
      <Notices notices={vm.notices} />
      <ul class="status-links">
        {vm.statusLinks.map((s) => (
          <li>
            <a href={s.url} aria-current={s.current ? 'page' : undefined}>
              {s.label} <span class="count">({s.count})</span>
            </a>
          </li>
        ))}
      </ul>
      <form method="get" action={vm.filterAction} class="filters" aria-label={t('filters')}>
        <Select id="f-status" name="status" label={t('filterStatus')} options={vm.filters.status} />
        <Select id="f-edition" name="edition" label={t('filterEdition')} options={vm.filters.edition} />
        <Select id="f-category" name="category" label={t('filterCategory')} options={vm.filters.category} />
        <Select id="f-author" name="author" label={t('filterAuthor')} options={vm.filters.author} />
        <div class="field">
          <label for="f-q">{t('filterText')}</label>
          <input id="f-q" name="q" type="search" value={vm.filters.text} />
        </div>
        <div class="field actions">
          <button type="submit" class="button">
            {t('applyFilters')}
          </button>
          <a href={vm.clearUrl}>{t('clearFilters')}</a>
        </div>
      </form>
      <form method="post" action={vm.bulkAction} id="bulk">
        <input type="hidden" name="_csrf" value={vm.csrf} />
        {vm.hidden.map((h) => (
          <input type="hidden" name={h.name} value={h.value} />
        ))}
        <div class="bulk-bar">
          <Select id="bulk-action" name="action" label={t('bulkActions')} options={vm.bulkOptions} />
          <button type="submit" class="button">
            {t('apply')}
          </button>
          <span class="total">{vm.total}</span>
        </div>
        {vm.rows.length ? (
          <table class="articles">
            <thead>
              <tr>
                <th scope="col">
                  <span class="visually-hidden">#</span>
                </th>
                <th scope="col">{t('colTitle')}</th>
                <th scope="col">{t('colAuthors')}</th>
                <th scope="col">{t('colCategory')}</th>
                <th scope="col">{t('colEdition')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colDate')}</th>
              </tr>
            </thead>
            <tbody>
              {vm.rows.map((r) => (
                <tr data-id={r.id}>
                  <td>
                    {r.selectable && <input type="checkbox" name="ids" value={String(r.id)} checked={r.checked} aria-label={r.selectLabel} />}
                  </td>
                  <th scope="row" class="title">
                    <bdi lang={r.lang}>{r.editUrl ? <a href={r.editUrl}>{r.title}</a> : r.viewUrl ? <a href={r.viewUrl}>{r.title}</a> : r.title}</bdi>
                  </th>
                  <td>
                    <bdi>{r.authors}</bdi>
                  </td>
                  <td>{r.category}</td>
                  <td>{r.edition}</td>
                  <td>
                    <span class={`status status-${r.statusKey}`}>{r.status}</span>
                    {r.editUrl && r.viewUrl && (
                      <a class="row-view" href={r.viewUrl}>
                        {t('viewLive')}
                      </a>
                    )}
                  </td>
                  <td>{r.date && <time dateTime={r.date.iso}>{r.date.text}</time>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="empty">{t('noMatches')}</p>
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
