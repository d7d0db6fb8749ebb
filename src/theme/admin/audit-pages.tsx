import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { PlainTable } from './components.tsx';
import { type FieldVM, SelectField, TextField } from './form-fields.tsx';
import { Notices } from './layout.tsx';
import type { Notice, Option } from './view-models.ts';

export interface AuditPageVM {
  notices: Notice[];
  action: string;
  actor: FieldVM;
  actionFilter: Omit<FieldVM, 'value'>;
  actions: Option[];
  since: FieldVM;
  until: FieldVM;
  rows: { at: { iso: string; text: string }; actor: string; action: string; target: string; detail: string; ip: string }[];
  olderUrl: string | null;
  newestUrl: string | null;
}

/** The audit trail, newest first, filtered by who, what and when; read only (there is no form that changes it). */
export function AuditPage({ vm, t }: { vm: AuditPageVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('au_title')}</h1>
      <p>{t('au_intro')}</p>
      <Notices notices={vm.notices} />
      <form method="get" action={vm.action} class="panel filters" role="search" aria-label={t('au_filters')}>
        <TextField f={vm.actor} />
        <SelectField f={vm.actionFilter} options={vm.actions} />
        <TextField f={vm.since} />
        <TextField f={vm.until} />
        <div><button type="submit" class="button">{t('au_filter')}</button></div>
      </form>
      {vm.rows.length ? (
        <PlainTable class="audit" columns={[t('au_when'), t('au_who'), t('au_what'), t('au_target'), t('se_address')]}>
          {vm.rows.map((r) => (
            <tr>
              <td><time datetime={r.at.iso}>{r.at.text}</time></td>
              <td><bdi dir="ltr">{r.actor}</bdi></td>
              <td><code>{r.action}</code>{r.detail && <> <bdi dir="ltr">{r.detail}</bdi></>}</td>
              <td><bdi dir="ltr">{r.target}</bdi></td>
              <td><bdi dir="ltr">{r.ip}</bdi></td>
            </tr>
          ))}
        </PlainTable>
      ) : <p>{t('au_none')}</p>}
      <nav aria-label={t('pagination')}>
        {vm.newestUrl && <a href={vm.newestUrl}>{t('au_newest')}</a>} {vm.olderUrl && <a href={vm.olderUrl} rel="next">{t('au_older')}</a>}
      </nav>
    </>
  );
}
