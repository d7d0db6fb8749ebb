import type { Account } from '../../domain/account.ts';
import type { Edition } from '../../domain/edition.ts';
import { countWords } from '../../platform/arabic/word-count.ts';
import { htmlToText } from '../../platform/html/sanitize.ts';
import { canDo } from '../../services/users/capabilities.ts';
import type { NewsFieldsVM } from '../../theme/admin/editor-fields.tsx';
import type { EditorShow } from './editor-presenter.ts';

/** The newsroom fields' ids: each carries its own message. */
export const NEWS_FIELD_IDS = ['kicker', 'dateline', 'seo_title', 'seo_description'];

/** The kicker, dateline, flags, SEO fields and word count as the form shows them (typed or stored). */
export function presentNewsFields(o: EditorShow, account: Account, edition: Edition): NewsFieldsVM {
  const f = o.form;
  return {
    kicker: f.kicker,
    dateline: f.dateline,
    seoTitle: f.seoTitle,
    seoDescription: f.seoDescription,
    // The service keeps the stored flags for anyone else; the form does not offer them.
    flags: canDo(account, 'home.lead') ? { breaking: f.breaking, pinned: f.pinned } : null,
    words: countWords(htmlToText(f.bodyHtml)),
    errors: o.errors ?? {},
    lang: edition.locale,
    dir: edition.dir,
  };
}
