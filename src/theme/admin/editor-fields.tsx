import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { FieldError } from './form-fields.tsx';

/**
 * The editor's newsroom fields (issue 17): the kicker above the headline, the dateline before the
 * body, the live word count, the front page's flags and the SEO box. Apart from editor-pages.tsx
 * so the form's layout stays one place and these stay another.
 */
export interface NewsFieldsVM {
  kicker: string;
  dateline: string;
  seoTitle: string;
  seoDescription: string;
  /** The front page's flags; null when this account may not change them (they keep what is stored). */
  flags: { breaking: boolean; pinned: boolean } | null;
  /** The body's words when the page was drawn (the editor's script keeps it current). */
  words: number;
  /** Each refused field's message. */
  errors: Partial<Record<string, string>>;
  lang: string;
  dir: 'rtl' | 'ltr';
}

function Line(p: { id: string; label: string; hint: string; value: string; vm: NewsFieldsVM; textarea?: boolean; cls?: string }) {
  const error = p.vm.errors[p.id];
  const describedBy = [`${p.id}-hint`, error ? `${p.id}-error` : ''].filter(Boolean).join(' ');
  const common = { id: p.id, name: p.id, lang: p.vm.lang, dir: p.vm.dir, 'aria-describedby': describedBy, 'aria-invalid': error ? ('true' as const) : undefined };
  return (
    <div class={`field ${p.cls ?? ''}`}>
      <label for={p.id}>{p.label}</label>
      {p.textarea ? <textarea rows={3} {...common}>{p.value}</textarea> : <input type="text" value={p.value} {...common} />}
      <p class="hint" id={`${p.id}-hint`}>
        {p.hint}
      </p>
      <FieldError id={`${p.id}-error`} error={error} />
    </div>
  );
}

/** Above the headline: the kicker. */
export function KickerField({ vm, t }: { vm: NewsFieldsVM; t: AdminTranslate }) {
  return <Line id="kicker" label={t('fieldKicker')} hint={t('fieldKickerHint')} value={vm.kicker} vm={vm} cls="kicker-field" />;
}

/** Before the body: the dateline. */
export function DatelineField({ vm, t }: { vm: NewsFieldsVM; t: AdminTranslate }) {
  return <Line id="dateline" label={t('fieldDateline')} hint={t('fieldDatelineHint')} value={vm.dateline} vm={vm} />;
}

/** Under the body: how many words it has (kept current by the editor's script; not a live region, it would speak every keystroke). */
export function WordCount({ vm, t }: { vm: NewsFieldsVM; t: AdminTranslate }) {
  return (
    <p class="word-count" id="word-count">
      {t('wordCount')} <output data-word-count="" for="article-body">{String(vm.words)}</output>
    </p>
  );
}

/** In the publish box: breaking and pinned, for those who set up the front page. */
/** The front page's flags: the form field, its label and its hint. */
const FLAGS = [
  ['breaking', 'fieldBreaking', 'fieldBreakingHint'],
  ['pinned', 'fieldPinned', 'fieldPinnedHint'],
] as const;

export function FrontPageFlags({ vm, t }: { vm: NewsFieldsVM; t: AdminTranslate }) {
  if (!vm.flags) return null;
  return (
    <fieldset class="front-page-flags">
      <legend>{t('frontPageBox')}</legend>
      {FLAGS.map(([flag, label, hint]) => (
        <div class="check-field">
          <label>
            <input type="checkbox" name={flag} value="1" checked={vm.flags![flag]} aria-describedby={`${flag}-hint`} /> {t(label)}
          </label>
          <p class="hint" id={`${flag}-hint`}>
            {t(hint)}
          </p>
        </div>
      ))}
    </fieldset>
  );
}

/** In the side column: what search engines and shares show. */
export function SeoBox({ vm, t }: { vm: NewsFieldsVM; t: AdminTranslate }) {
  return (
    <fieldset class="box">
      <legend>{t('seoBox')}</legend>
      <Line id="seo_title" label={t('fieldSeoTitle')} hint={t('fieldSeoTitleHint')} value={vm.seoTitle} vm={vm} />
      <Line id="seo_description" label={t('fieldSeoDescription')} hint={t('fieldSeoDescriptionHint')} value={vm.seoDescription} vm={vm} textarea />
    </fieldset>
  );
}
