import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { CheckboxField, Csrf, type FieldVM, SelectField, TextAreaField, TextField } from './form-fields.tsx';
import { SubmitRow } from './components.tsx';
import { Notices } from './layout.tsx';
import { EditionTabs, type EditionTabsVM } from './manage-pages.tsx';
import type { Notice, Option } from './view-models.ts';

/** One control of a settings form. */
export type ControlVM =
  | { kind: 'text'; f: FieldVM }
  | { kind: 'area'; f: FieldVM }
  | { kind: 'select'; f: FieldVM; options: Option[] }
  | { kind: 'check'; f: FieldVM; checked: boolean };

export function Control({ c }: { c: ControlVM }) {
  switch (c.kind) {
    case 'text':
      return <TextField f={c.f} />;
    case 'area':
      return <TextAreaField f={c.f} rows={4} />;
    case 'select':
      return <SelectField f={c.f} options={c.options} />;
    case 'check':
      return <CheckboxField f={c.f} checked={c.checked} />;
  }
}

export interface EditionSettingsVM {
  notices: Notice[];
  editions: EditionTabsVM;
  heading: string;
  action: string;
  csrf: string;
  groups: { legend: string; controls: ControlVM[] }[];
  /** Known IANA zones, offered as suggestions for the time-zone field. */
  timeZones: string[];
}

export function EditionSettingsPage({ vm, t }: { vm: EditionSettingsVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{vm.heading}</h1>
      <EditionTabs vm={vm.editions} />
      <Notices notices={vm.notices} />
      <form method="post" action={vm.action} class="form-grid">
        <Csrf token={vm.csrf} />
        {vm.groups.map((g) => (
          <fieldset class="panel">
            <legend>{g.legend}</legend>
            <div class="form-grid">
              {g.controls.map((c) => (
                <Control c={c} />
              ))}
            </div>
          </fieldset>
        ))}
        <datalist id="time-zones">
          {vm.timeZones.map((z) => (
            <option value={z} />
          ))}
        </datalist>
        <SubmitRow label={t('ed_save')} />
      </form>
    </>
  );
}
