import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { Control, type ControlVM } from './editions-pages.tsx';
import { Csrf } from './form-fields.tsx';
import { SubmitRow } from './components.tsx';
import { Notices } from './layout.tsx';
import { EditionTabs, type EditionTabsVM } from './manage-pages.tsx';
import type { Notice } from './view-models.ts';

export interface MenusVM {
  notices: Notice[];
  editions: EditionTabsVM;
  automatic: boolean;
  action: string;
  clearAction: string;
  csrf: string;
  rows: { legend: string; controls: ControlVM[] }[];
}

export function MenusPage({ vm, t }: { vm: MenusVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('m_menus')}</h1>
      <EditionTabs vm={vm.editions} />
      <Notices notices={vm.notices} />
      <p>{t('mn_intro')}</p>
      {vm.automatic && <p class="notice">{t('mn_auto')}</p>}
      <form method="post" action={vm.action} class="form-grid">
        <Csrf token={vm.csrf} />
        {vm.rows.map((r) => (
          <fieldset class="panel menu-row">
            <legend>{r.legend}</legend>
            {r.controls.map((c) => (
              <Control c={c} />
            ))}
          </fieldset>
        ))}
        <SubmitRow label={t('mn_save')} />
      </form>
      {!vm.automatic && (
        <form method="post" action={vm.clearAction}>
          <Csrf token={vm.csrf} />
          <input type="hidden" name="clear" value="1" />
          <button type="submit" class="button danger">
            {t('mn_clear')}
          </button>
        </form>
      )}
    </>
  );
}
