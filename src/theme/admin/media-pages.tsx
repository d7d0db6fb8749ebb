import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { FormActions, Pagination } from './components.tsx';
import { Csrf, TextField } from './form-fields.tsx';
import { Notices } from './layout.tsx';
import type { Notice, PaginationVM } from './view-models.ts';

/** A text field of a media form: what was typed, and the message beside it when refused. */
export interface MediaFieldVM {
  value: string;
  error: string | null;
  maxLength: number;
}

export interface MediaFormVM {
  alt: MediaFieldVM;
  caption: MediaFieldVM;
  credit: MediaFieldVM;
}

export interface MediaUploadVM extends MediaFormVM {
  action: string;
  csrf: string;
  fileHint: string;
  fileError: string | null;
  /** Shown after a refused upload: the file input is empty again. */
  chooseAgain: boolean;
}

export interface MediaCardVM {
  id: number;
  editUrl: string;
  thumb: { src: string; width: number; height: number };
  alt: string;
  size: string;
}

export interface MediaLibraryVM {
  notices: Notice[];
  upload: MediaUploadVM;
  search: { action: string; q: string };
  total: string;
  items: MediaCardVM[];
  emptyText: string;
  pagination: PaginationVM | null;
}

export interface MediaEditVM {
  notices: Notice[];
  image: { src: string; srcset: string; width: number; height: number; alt: string };
  url: string;
  size: string;
  sizes: string;
  uploadedBy: string | null;
  uploadedOn: { iso: string; text: string };
  /** The text form, when this user may change the image. */
  form: (MediaFormVM & { action: string; csrf: string }) | null;
  deleteAction: string | null;
  backUrl: string;
}

/** As form-fields' FieldError, but with `id` first: the media tests match the markup to the letter. */
function FieldError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={id} class="field-error">
      {error}
    </p>
  ) : null;
}

/** The alt, caption and credit fields, shared by the upload and edit forms. */
function TextFields({ vm, t, prefix }: { vm: MediaFormVM; t: AdminTranslate; prefix: string }) {
  const describe = (name: string, f: MediaFieldVM, hint?: string) => [hint, f.error ? `${prefix}-${name}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <div class="field">
        <label for={`${prefix}-alt`}>{t('mediaAlt')}</label>
        <input
          id={`${prefix}-alt`}
          name="alt"
          type="text"
          required
          maxLength={vm.alt.maxLength}
          value={vm.alt.value}
          aria-invalid={vm.alt.error ? 'true' : undefined}
          aria-describedby={describe('alt', vm.alt, `${prefix}-alt-hint`)}
        />
        <p id={`${prefix}-alt-hint`} class="hint">
          {t('mediaAltHint')}
        </p>
        <FieldError id={`${prefix}-alt-error`} error={vm.alt.error} />
      </div>
      <div class="field">
        <label for={`${prefix}-caption`}>
          {t('mediaCaption')} <span class="hint">{t('mediaOptional')}</span>
        </label>
        <textarea
          id={`${prefix}-caption`}
          name="caption"
          rows={2}
          maxLength={vm.caption.maxLength}
          aria-invalid={vm.caption.error ? 'true' : undefined}
          aria-describedby={describe('caption', vm.caption)}
        >
          {vm.caption.value}
        </textarea>
        <FieldError id={`${prefix}-caption-error`} error={vm.caption.error} />
      </div>
      <div class="field">
        <label for={`${prefix}-credit`}>
          {t('mediaCredit')} <span class="hint">{t('mediaOptional')}</span>
        </label>
        <input
          id={`${prefix}-credit`}
          name="credit"
          type="text"
          maxLength={vm.credit.maxLength}
          value={vm.credit.value}
          aria-invalid={vm.credit.error ? 'true' : undefined}
          aria-describedby={describe('credit', vm.credit)}
        />
        <FieldError id={`${prefix}-credit-error`} error={vm.credit.error} />
      </div>
    </>
  );
}

export function MediaLibraryPage({ vm, t }: { vm: MediaLibraryVM; t: AdminTranslate }) {
  const u = vm.upload;
  return (
    <>
      <h1>{t('mediaLibrary')}</h1>
      <Notices notices={vm.notices} />
      <section class="panel media-upload" aria-labelledby="upload-title">
        <h2 id="upload-title">{t('mediaUpload')}</h2>
        {/* A plain form: uploading works without JavaScript. */}
        <form method="post" action={u.action} enctype="multipart/form-data" class="media-form">
          <Csrf token={u.csrf} />
          <div class="field">
            <label for="up-file">{t('mediaFile')}</label>
            <input
              id="up-file"
              name="file"
              type="file"
              required
              accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
              aria-invalid={u.fileError ? 'true' : undefined}
              aria-describedby={['up-file-hint', u.fileError ? 'up-file-error' : ''].filter(Boolean).join(' ')}
            />
            <p id="up-file-hint" class="hint">
              {u.fileHint}
              {u.chooseAgain && ` ${t('mediaChooseAgain')}`}
            </p>
            <FieldError id="up-file-error" error={u.fileError} />
          </div>
          <TextFields vm={u} t={t} prefix="up" />
          <FormActions label={t('mediaUploadButton')} />
        </form>
      </section>

      <section aria-labelledby="grid-title">
        <h2 id="grid-title">{t('mediaGridTitle')}</h2>
        <form method="get" action={vm.search.action} class="filters" role="search">
          <TextField f={{ id: 'media-q', name: 'q', label: t('mediaSearchLabel'), value: vm.search.q, type: 'search' }} />
          <FormActions label={t('mediaSearchButton')} />
          <span class="total">{vm.total}</span>
        </form>
        {vm.items.length ? (
          <ul class="media-grid">
            {vm.items.map((m) => (
              <li data-id={m.id}>
                <a href={m.editUrl}>
                  <img src={m.thumb.src} width={m.thumb.width} height={m.thumb.height} alt={m.alt} loading="lazy" decoding="async" />
                  <span class="media-alt">
                    <bdi>{m.alt}</bdi>
                  </span>
                </a>
                <span class="media-size" dir="ltr">
                  {m.size}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{vm.emptyText}</p>
        )}
        <Pagination pagination={vm.pagination} t={t} />
      </section>
    </>
  );
}

export function MediaEditPage({ vm, t }: { vm: MediaEditVM; t: AdminTranslate }) {
  return (
    <>
      <p>
        <a href={vm.backUrl}>{t('mediaBack')}</a>
      </p>
      <h1>{t('mediaEditTitle')}</h1>
      <Notices notices={vm.notices} />
      <div class="media-edit">
        <figure class="media-preview">
          <img src={vm.image.src} srcset={vm.image.srcset} sizes="(min-width: 60rem) 30rem, 100vw" width={vm.image.width} height={vm.image.height} alt={vm.image.alt} />
        </figure>
        <div>
          <dl class="media-facts">
            <dt>{t('mediaSize')}</dt>
            <dd>{vm.size}</dd>
            <dt>{t('mediaSizes')}</dt>
            <dd dir="ltr">{vm.sizes}</dd>
            <dt>{t('mediaUploadedOn')}</dt>
            <dd>
              <time dateTime={vm.uploadedOn.iso}>{vm.uploadedOn.text}</time>
            </dd>
            {vm.uploadedBy && (
              <>
                <dt>{t('mediaUploadedBy')}</dt>
                <dd>
                  <bdi>{vm.uploadedBy}</bdi>
                </dd>
              </>
            )}
          </dl>
          <div class="field">
            <label for="media-url">{t('mediaUrl')}</label>
            <input id="media-url" type="text" readOnly dir="ltr" value={vm.url} />
          </div>
          {vm.form ? (
            <form method="post" action={vm.form.action} class="media-form">
              <Csrf token={vm.form.csrf} />
              <TextFields vm={vm.form} t={t} prefix="ed" />
              <FormActions label={t('mediaSave')} />
            </form>
          ) : (
            <p class="hint">{t('mediaReadOnly')}</p>
          )}
          {vm.deleteAction && vm.form && (
            <form method="post" action={vm.deleteAction} class="media-delete">
              <Csrf token={vm.form.csrf} />
              <p class="hint">{t('mediaDeleteWarning')}</p>
              <button type="submit" class="button danger">
                {t('mediaDelete')}
              </button>
            </form>
          )}
        </div>
      </div>
    </>
  );
}
