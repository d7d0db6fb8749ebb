import type { Account } from '../../domain/account.ts';
import type { Problem } from '../../domain/errors.ts';
import type { MediaItem } from '../../domain/media.ts';
import { zonedParts } from '../../platform/dates/format.ts';
import type { AdminStringKey, AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { problemMessage } from '../../platform/i18n/problems.ts';
import { type MediaPage, mediaItemUrl, mediaThumbUrl, type MediaText, TEXT_LIMITS } from '../../services/media/media.ts';
import { mediaUrl } from '../../services/media/media-urls.ts';
import type { MediaEditVM, MediaFormVM, MediaLibraryVM } from '../../theme/admin/media-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { adminUrls } from './context.ts';

/** The JSON answers of the editor's image picker (and of uploads from script). */
export interface MediaJson {
  id: number;
  url: string;
  alt: string;
  width: number;
  height: number;
  caption: string;
  credit: string;
}

export function mediaJson(m: MediaItem): MediaJson {
  return { id: m.id, url: mediaItemUrl(m), alt: m.alt, width: m.width, height: m.height, caption: m.caption, credit: m.credit };
}

/**
 * A missing file or alt text is said as the form's own instruction ("Choose an image file.",
 * "Write alt text that describes the image."), more helpful than the catalogue's "This field is
 * required."; every other problem is worded by the catalogue.
 */
/** By MediaField. */
const REQUIRED_WORDS: Partial<Record<string, AdminStringKey>> = { file: 'mediaErr_file_required', alt: 'mediaErr_alt_required' };

export function mediaProblemText(t: AdminTranslate, locale: string, p: Problem): string {
  const key = p.code === 'required' ? REQUIRED_WORDS[p.field] : undefined;
  return key ? t(key) : problemMessage(locale, p);
}

/** The text fields of the upload or edit form: what was typed, and each field's first problem. */
function formVM(t: AdminTranslate, locale: string, text: MediaText, problems: readonly Problem[]): MediaFormVM {
  const f = (name: keyof MediaText) => {
    const p = problems.find((x) => x.field === name);
    return { value: text[name], error: p ? mediaProblemText(t, locale, p) : null, maxLength: TEXT_LIMITS[name] };
  };
  return { alt: f('alt'), caption: f('caption'), credit: f('credit') };
}

export interface MediaFormState {
  notices: Notice[];
  text?: MediaText;
  problems?: readonly Problem[];
}

/** The library page: the grid, search and the upload form (re-shown with what was typed). */
export function libraryVM(
  result: MediaPage,
  o: { t: AdminTranslate; account: Account; q: string; csrf: string; maxMegabytes: number } & MediaFormState,
): MediaLibraryVM {
  const { t, q } = o;
  const problems = o.problems ?? [];
  const fileProblem = problems.find((p) => p.field === 'file');
  return {
    notices: o.notices,
    upload: {
      action: adminUrls.media(),
      csrf: o.csrf,
      fileHint: t('mediaFileHint', { max: String(o.maxMegabytes) }),
      fileError: fileProblem ? mediaProblemText(t, o.account.locale, fileProblem) : null,
      chooseAgain: problems.length > 0,
      ...formVM(t, o.account.locale, o.text ?? { alt: '', caption: '', credit: '' }, problems),
    },
    search: { action: adminUrls.media(), q },
    total: t('mediaTotal', { count: result.total }),
    items: result.items.map((m) => {
      const thumb = m.variants.filter((v) => v.format === 'jpg' || v.format === 'png').sort((a, b) => a.width - b.width)[0];
      return {
        id: m.id,
        editUrl: adminUrls.mediaItem(m.id),
        thumb: { src: mediaThumbUrl(m), width: thumb?.width ?? m.width, height: thumb?.height ?? m.height },
        alt: m.alt,
        size: `${m.originalWidth} × ${m.originalHeight}`,
      };
    }),
    emptyText: t(q ? 'mediaNoMatches' : 'mediaEmpty'),
    pagination:
      result.pages > 1
        ? {
            prev: result.page > 1 ? adminUrls.media({ q, page: String(result.page - 1) }) : null,
            next: result.page < result.pages ? adminUrls.media({ q, page: String(result.page + 1) }) : null,
            label: t('pageOf', { page: result.page, pages: result.pages }),
          }
        : null,
  };
}

/** One image's page: details, the alt/caption/credit form and delete, when allowed. */
export function editVM(
  m: MediaItem,
  o: { t: AdminTranslate; account: Account; csrf: string; absolute: (path: string) => string; mayEdit: boolean; mayDelete: boolean } & MediaFormState,
): MediaEditVM {
  const { t, account } = o;
  const fallbacks = m.variants.filter((v) => v.format === 'jpg' || v.format === 'png');
  const created = zonedParts(m.createdAt, 'UTC');
  const month = new Intl.DateTimeFormat(account.locale === 'ar' ? 'ar' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(m.createdAt));
  return {
    notices: o.notices,
    image: {
      src: mediaItemUrl(m),
      srcset: fallbacks.map((v) => `${mediaUrl(m.name, v.width, v.format)} ${v.width}w`).join(', '),
      width: m.width,
      height: m.height,
      alt: m.alt,
    },
    url: o.absolute(mediaItemUrl(m)),
    // Isolated left-to-right, or Arabic text would show 1200 × 1800 for 1800 × 1200.
    size: t('mediaPixels', { size: `\u2066${m.originalWidth} × ${m.originalHeight}\u2069` }),
    sizes: fallbacks.map((v) => v.width).join(' · '),
    uploadedBy: m.uploadedBy?.name ?? null,
    uploadedOn: { iso: m.createdAt, text: `${created.day} ${month} ${created.year}` },
    form: o.mayEdit ? { action: adminUrls.mediaItem(m.id), csrf: o.csrf, ...formVM(t, account.locale, o.text ?? m, o.problems ?? []) } : null,
    deleteAction: o.mayDelete ? adminUrls.mediaDelete(m.id) : null,
    backUrl: adminUrls.media(),
  };
}
