import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { SubmitRow } from './components.tsx';
import { Csrf, FieldError } from './form-fields.tsx';
import { Notices } from './layout.tsx';
import { EditionTabs, type EditionTabsVM } from './manage-pages.tsx';
import type { Notice } from './view-models.ts';

export interface HomeLeadVM {
  notices: Notice[];
  editions: EditionTabsVM;
  current: string | null;
  action: string;
  csrf: string;
  lang: string;
  error: string | null;
  auto: boolean;
  choices: { id: number; title: string; date: { iso: string; text: string }; checked: boolean; url: string }[];
}

export function HomeLeadPage({ vm, t }: { vm: HomeLeadVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('m_home')}</h1>
      <EditionTabs vm={vm.editions} />
      <Notices notices={vm.notices} />
      {vm.current && (
        <p class="scope">
          <bdi lang={vm.lang}>{vm.current}</bdi>
        </p>
      )}
      {vm.choices.length ? (
        <form method="post" action={vm.action} class="form-grid">
          <Csrf token={vm.csrf} />
          <fieldset class="panel" aria-describedby={vm.error ? 'lead-error lead-hint' : 'lead-hint'}>
            <legend>{t('hl_choose')}</legend>
            <FieldError id="lead-error" error={vm.error} />
            <p class="hint" id="lead-hint">
              {t('hl_hint')}
            </p>
            <ul class="choice-list">
              <li>
                <label>
                  <input type="radio" name="lead" value="auto" checked={vm.auto} /> {t('hl_auto')}
                </label>
              </li>
              {vm.choices.map((c) => (
                <li>
                  <label>
                    <input type="radio" name="lead" value={String(c.id)} checked={c.checked} />{' '}
                    <bdi lang={vm.lang}>{c.title}</bdi> <time dateTime={c.date.iso}>{c.date.text}</time>
                  </label>{' '}
                  <a href={c.url} class="hint">
                    {t('tx_view')}
                  </a>
                </li>
              ))}
            </ul>
          </fieldset>
          <SubmitRow label={t('save')} />
        </form>
      ) : (
        <p class="empty">{t('hl_none')}</p>
      )}
    </>
  );
}
