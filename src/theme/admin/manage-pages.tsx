import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { PlainTable, SubmitRow } from './components.tsx';
import { Csrf, type FieldVM, TextAreaField, TextField } from './form-fields.tsx';
import { Notices } from './layout.tsx';
import type { Notice } from './view-models.ts';

export interface ManageHubVM {
  links: { label: string; text: string; url: string }[];
}

/** The "site" hub: the management screens this account may use. */
export function ManageHubPage({ vm, t }: { vm: ManageHubVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('manage')}</h1>
      <p>{t('manageIntro')}</p>
      <ul class="manage-links">
        {vm.links.map((l) => (
          <li>
            <a href={l.url}>
              <strong>{l.label}</strong>
              <span>{l.text}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

export interface EditionTabsVM {
  label: string;
  tabs: { label: string; url: string; current: boolean; lang: string }[];
}

/** Links to the same screen for each edition. */
export function EditionTabs({ vm }: { vm: EditionTabsVM }) {
  return (
    <nav aria-label={vm.label}>
      <ul class="status-links">
        {vm.tabs.map((e) => (
          <li>
            <a href={e.url} aria-current={e.current ? 'page' : undefined} lang={e.lang}>
              {e.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface TermRowVM {
  id: number;
  name: string;
  slug: string;
  position: number;
  articles: number;
  editUrl: string;
  viewUrl: string;
}

export interface TermFormVM {
  heading: string;
  action: string;
  fields: FieldVM[];
  /** Descriptions get a text area. */
  area: FieldVM | null;
  submit: string;
}

export interface TaxonomyVM {
  notices: Notice[];
  editions: EditionTabsVM;
  csrf: string;
  lang: string;
  categories: TermRowVM[];
  tags: TermRowVM[];
  addCategory: TermFormVM;
  addTag: TermFormVM;
}

function TermForm({ vm, csrf }: { vm: TermFormVM; csrf: string }) {
  return (
    <form method="post" action={vm.action} class="form-grid">
      <Csrf token={csrf} />
      {vm.fields.map((f) => (
        <TextField f={f} />
      ))}
      {vm.area && <TextAreaField f={vm.area} />}
      <SubmitRow label={vm.submit} />
    </form>
  );
}

/** The name links to the edit form and the slug to the public archive, so a phone needs no extra column. */
function TermTable({ rows, t, withPosition, lang }: { rows: TermRowVM[]; t: AdminTranslate; withPosition: boolean; lang: string }) {
  if (!rows.length) return <p class="empty">{t('tx_none')}</p>;
  return (
    <PlainTable columns={[t('tx_name'), t('tx_slug'), withPosition && t('tx_position'), t('tx_articles')]}>
      {rows.map((r) => (
        <tr id={`term-${r.id}`}>
          <th scope="row">
            <a href={r.editUrl} aria-label={`${t('tx_edit')}: ${r.name}`}>
              <bdi lang={lang}>{r.name}</bdi>
            </a>
          </th>
          <td>
            <a href={r.viewUrl} aria-label={`${t('tx_view')}: ${r.slug}`}>
              <bdi>{r.slug}</bdi>
            </a>
          </td>
          {withPosition && <td>{r.position}</td>}
          <td>{r.articles}</td>
        </tr>
      ))}
    </PlainTable>
  );
}

export function TaxonomyPage({ vm, t }: { vm: TaxonomyVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('m_taxonomy')}</h1>
      <EditionTabs vm={vm.editions} />
      <Notices notices={vm.notices} />
      <section class="panel" aria-labelledby="categories-title">
        <h2 id="categories-title">{t('tx_categories')}</h2>
        <TermTable rows={vm.categories} t={t} withPosition lang={vm.lang} />
        <h3>{vm.addCategory.heading}</h3>
        <TermForm vm={vm.addCategory} csrf={vm.csrf} />
      </section>
      <section class="panel" aria-labelledby="tags-title">
        <h2 id="tags-title">{t('tx_tags')}</h2>
        <TermTable rows={vm.tags} t={t} withPosition={false} lang={vm.lang} />
        <h3>{vm.addTag.heading}</h3>
        <TermForm vm={vm.addTag} csrf={vm.csrf} />
      </section>
    </>
  );
}

export interface TermEditVM {
  notices: Notice[];
  csrf: string;
  form: TermFormVM;
  deleteAction: string;
  deleteText: string;
  backUrl: string;
}

export function TermEditPage({ vm, t }: { vm: TermEditVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{vm.form.heading}</h1>
      <Notices notices={vm.notices} />
      <TermForm vm={vm.form} csrf={vm.csrf} />
      <section class="panel danger-zone" aria-labelledby="delete-title">
        <h2 id="delete-title">{t('tx_deleteTitle')}</h2>
        <p>{vm.deleteText}</p>
        <form method="post" action={vm.deleteAction}>
          <Csrf token={vm.csrf} />
          <button type="submit" class="button danger">
            {t('tx_delete')}
          </button>
        </form>
      </section>
      <p>
        <a href={vm.backUrl}>{t('tx_back')}</a>
      </p>
    </>
  );
}

export interface StaticPagesVM {
  editions: EditionTabsVM;
  lang: string;
  newPage: { label: string; url: string };
  rows: { title: string; editUrl: string; status: string; address: string; url: string | null }[];
}

/** The static pages of an edition with their public addresses (editing is the article editor's). */
export function StaticPagesPage({ vm, t }: { vm: StaticPagesVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('m_pages')}</h1>
      <EditionTabs vm={vm.editions} />
      <p>{t('pg_intro')}</p>
      <p>
        <a class="button" href={vm.newPage.url}>
          {vm.newPage.label}
        </a>
      </p>
      {vm.rows.length ? (
        <PlainTable columns={[t('pg_title'), t('pg_status'), t('pg_address')]}>
          {vm.rows.map((r) => (
            <tr>
              <th scope="row">
                <a href={r.editUrl}>
                  <bdi lang={vm.lang}>{r.title}</bdi>
                </a>
              </th>
              <td>{r.status}</td>
              <td>
                {r.url ? (
                  <a href={r.url}>
                    <bdi dir="ltr">{r.address}</bdi>
                  </a>
                ) : (
                  <>
                    <bdi dir="ltr">{r.address}</bdi> · {t('pg_notLive')}
                  </>
                )}
              </td>
            </tr>
          ))}
        </PlainTable>
      ) : (
        <p class="empty">{t('pg_none')}</p>
      )}
    </>
  );
}
