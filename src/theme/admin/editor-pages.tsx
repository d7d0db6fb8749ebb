import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { DatelineField, FrontPageFlags, KickerField, type NewsFieldsVM, SeoBox, WordCount } from './editor-fields.tsx';
import { Csrf, FieldError } from './form-fields.tsx';
import { Notices } from './layout.tsx';
import type { Notice, Option } from './view-models.ts';

/** A field's message, tied to its input by aria-describedby. */
export type FieldErrors = Partial<Record<string, string>>;

export interface EditorPageVM {
  /** A static page shows only what a page has: no sections, tags, co-authors or comments. */
  kind: 'post' | 'page';
  heading: string;
  notices: Notice[];
  /** After a refused save (409): where to compare the refused text with the saved one. */
  conflict: { compareUrl: string } | null;
  action: string;
  autosaveUrl: string;
  mediaUrl: string;
  /** Where the editor uploads an image (the media route); null when the account may not. */
  uploadUrl: string | null;
  csrf: string;
  version: number | null;
  /** The article's own language and direction (its edition), which may differ from the UI's. */
  lang: string;
  dir: 'rtl' | 'ltr';
  values: {
    title: string; body: string; excerpt: string; slug: string; tags: string;
    imageUrl: string; imageAlt: string; imageCaption: string; imageCredit: string; publishAt: string;
    /** The featured image's focal point as typed (whole per cent). */
    focusX: string; focusY: string;
  };
  errors: FieldErrors;
  editions: Option[];
  /** The edition can be chosen only while the article is new. */
  editionFixed: boolean;
  categories: { id: number; label: string; checked: boolean }[];
  authors: { id: number; label: string; checked: boolean }[];
  commentsOpen: boolean;
  translations: { name: string; label: string; lang: string; dir: 'rtl' | 'ltr'; options: Option[] }[];
  status: string | null;
  zone: string;
  buttons: { action: string; label: string }[];
  links: { label: string; url: string }[];
  newLinks: { label: string; url: string }[];
  /** Kicker, dateline, flags, SEO and the word count (editor-fields.tsx). */
  news: NewsFieldsVM;
}

function Err({ id, errors }: { id: string; errors: FieldErrors }) {
  return <FieldError id={`${id}-error`} error={errors[id]} />;
}

const describedBy = (id: string, errors: FieldErrors, hint = false) =>
  [hint ? `${id}-hint` : '', errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function TextField(p: { id: string; name: string; label: string; value: string; errors: FieldErrors; hint?: string; type?: 'text' | 'datetime-local' | 'url'; lang?: string; dir?: 'rtl' | 'ltr'; required?: boolean; cls?: string }) {
  return (
    <div class={`field ${p.cls ?? ''}`}>
      <label for={p.id}>{p.label}</label>
      <input
        id={p.id}
        name={p.name}
        // Preact types each input type's attributes apart; these fields share all of theirs.
        {...({ type: p.type ?? 'text' } as { type: 'text' })}
        value={p.value}
        lang={p.lang}
        dir={p.dir}
        required={p.required}
        aria-invalid={p.errors[p.id] ? 'true' : undefined}
        aria-describedby={describedBy(p.id, p.errors, Boolean(p.hint))}
      />
      {p.hint && (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      )}
      <Err id={p.id} errors={p.errors} />
    </div>
  );
}

/** A typed per cent as the 10 % step a class names (fx-0 … fx-10); the centre when not a number. */
export const focusStep = (v: string) => (/^\d{1,3}$/.test(v.trim()) ? Math.min(10, Math.round(Number(v) / 10)) : 5);

/**
 * The featured image: its address, texts and focal point as fields (they work without
 * JavaScript); the editor's script adds the library and upload buttons, and sets the focal point
 * by a click on the preview (src/editor-client/featured-image.ts). The preview's marker is placed
 * by classes: the CSP allows no inline style.
 */
function FeaturedImageBox({ vm, t }: { vm: EditorPageVM; t: AdminTranslate }) {
  const e = vm.errors;
  const v = vm.values;
  const marker = `focus-marker fx-${focusStep(v.focusX)} fy-${focusStep(v.focusY)}`;
  return (
    <fieldset class="box featured-box" data-featured-image="">
      <legend>{t('fieldImage')}</legend>
      <div class="featured-preview" hidden={!v.imageUrl}>
        <div class="focus-frame">
          {v.imageUrl && <img src={v.imageUrl} alt="" class="focus-image" />}
          <span class={marker} aria-hidden="true"></span>
        </div>
        {v.imageUrl && <img src={v.imageUrl} alt="" class={`focus-crop fx-${focusStep(v.focusX)} fy-${focusStep(v.focusY)}`} />}
        <p class="hint" id="featured-preview-hint">
          {t('fieldImageFocusClick')}
        </p>
      </div>
      <TextField id="featured_image_url" name="featured_image_url" label={t('fieldImageUrl')} value={v.imageUrl} errors={e} dir="ltr" />
      <TextField id="featured_image_alt" name="featured_image_alt" label={t('fieldImageAlt')} value={v.imageAlt} errors={e} hint={t('fieldImageAltHint')} lang={vm.lang} dir={vm.dir} />
      <TextField id="featured_image_caption" name="featured_image_caption" label={t('fieldImageCaption')} value={v.imageCaption} errors={e} lang={vm.lang} dir={vm.dir} />
      <TextField id="featured_image_credit" name="featured_image_credit" label={t('fieldImageCredit')} value={v.imageCredit} errors={e} lang={vm.lang} dir={vm.dir} />
      <fieldset class="focus-fields" aria-describedby={describedBy('featured_image_focus', e, true)}>
        <legend>{t('fieldImageFocus')}</legend>
        <p class="hint" id="featured_image_focus-hint">
          {t('fieldImageFocusHint')}
        </p>
        <div class="focus-inputs">
          {(['x', 'y'] as const).map((axis) => (
            <label>
              {t(axis === 'x' ? 'fieldImageFocusX' : 'fieldImageFocusY')}{' '}
              <input
                type="number"
                name={`featured_image_focus_${axis}`}
                id={`featured_image_focus_${axis}`}
                min="0"
                max="100"
                step="1"
                dir="ltr"
                value={axis === 'x' ? v.focusX : v.focusY}
                aria-invalid={e.featured_image_focus ? 'true' : undefined}
              />
            </label>
          ))}
        </div>
        <Err id="featured_image_focus" errors={e} />
      </fieldset>
    </fieldset>
  );
}

export function EditorPage({ vm, t }: { vm: EditorPageVM; t: AdminTranslate }) {
  const e = vm.errors;
  return (
    <>
      <div class="editor-head">
        <h1>{vm.heading}</h1>
        {vm.links.length > 0 && (
          <ul class="editor-links">
            {vm.links.map((l) => (
              <li>
                <a href={l.url}>{l.label}</a>
              </li>
            ))}
          </ul>
        )}
      </div>
      <Notices notices={vm.notices} />
      {vm.conflict && (
        <div class="notice notice-error" role="alert">
          <p>
            <strong>{t('conflictTitle')}</strong>
          </p>
          <p>{t('conflictText')}</p>
          <p>
            <a href={vm.conflict.compareUrl}>{t('conflictCompare')}</a>
          </p>
        </div>
      )}
      {vm.newLinks.length > 0 && (
        <ul class="editor-links">
          {vm.newLinks.map((l) => (
            <li>
              <a href={l.url}>{l.label}</a>
            </li>
          ))}
        </ul>
      )}
      <form id="article-form" class="editor" method="post" action={vm.action} data-autosave-url={vm.autosaveUrl} data-media-url={vm.mediaUrl} data-upload-url={vm.uploadUrl ?? undefined} aria-label={t('editorForm')}>
        <Csrf token={vm.csrf} />
        <input type="hidden" name="kind" value={vm.kind} />
        {vm.version !== null && <input type="hidden" name="version" value={String(vm.version)} />}
        <div class="editor-main">
          {vm.kind === 'post' && <KickerField vm={vm.news} t={t} />}
          <TextField id="title" name="title" label={t('fieldTitle')} value={vm.values.title} errors={e} lang={vm.lang} dir={vm.dir} cls="title-field" />
          <TextField id="slug" name="slug" label={t('fieldSlug')} value={vm.values.slug} errors={e} hint={t('fieldSlugHint')} lang={vm.lang} dir={vm.dir} />
          {vm.kind === 'post' && <DatelineField vm={vm.news} t={t} />}
          <div class="field">
            <label for="article-body">{t('fieldBody')}</label>
            <textarea
              id="article-body"
              name="body"
              rows={22}
              lang={vm.lang}
              dir={vm.dir}
              data-rich-editor=""
              aria-invalid={e.body ? 'true' : undefined}
              aria-describedby={['article-body-hint', e.body ? 'body-error' : ''].filter(Boolean).join(' ')}
            >
              {vm.values.body}
            </textarea>
            <p class="hint" id="article-body-hint">
              {t('fieldBodyHint')}
            </p>
            <WordCount vm={vm.news} t={t} />
            <Err id="body" errors={e} />
          </div>
          <div class="field">
            <label for="excerpt">{t('fieldExcerpt')}</label>
            <textarea id="excerpt" name="excerpt" rows={3} lang={vm.lang} dir={vm.dir} aria-describedby={describedBy('excerpt', e, true)} aria-invalid={e.excerpt ? 'true' : undefined}>
              {vm.values.excerpt}
            </textarea>
            <p class="hint" id="excerpt-hint">
              {t('fieldExcerptHint')}
            </p>
            <Err id="excerpt" errors={e} />
          </div>
        </div>
        <div class="editor-side">
          <fieldset class="box publish-box">
            <legend>{t('publishBox')}</legend>
            {vm.status && <p class="current-status">{vm.status}</p>}
            <TextField id="publish_at" name="publish_at" type="datetime-local" label={t('fieldPublishAt')} value={vm.values.publishAt} errors={e} hint={t('fieldPublishAtHint', { zone: vm.zone })} dir="ltr" />
            {vm.kind === 'post' && <FrontPageFlags vm={vm.news} t={t} />}
            <Err id="action" errors={e} />
            <div class="editor-buttons">
              {vm.buttons.map((b, i) => (
                <button type="submit" name="action" value={b.action} class={i === 0 ? 'button' : `button secondary action-${b.action}`}>
                  {b.label}
                </button>
              ))}
            </div>
          </fieldset>
          <div class="box">
            <div class="field">
              <label for="edition">{t('fieldEdition')}</label>
              {vm.editionFixed ? (
                <>
                  <input type="hidden" name="edition" value={vm.editions.find((o) => o.selected)?.value ?? ''} />
                  <p id="edition">{vm.editions.find((o) => o.selected)?.label}</p>
                </>
              ) : (
                <select id="edition" name="edition">
                  {vm.editions.map((o) => (
                    <option value={o.value} selected={o.selected}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
              <Err id="edition" errors={e} />
            </div>
          </div>
          {vm.kind === 'post' && (
            <>
              <fieldset class="box" aria-describedby={e.categories ? 'categories-error' : undefined}>
                <legend>{t('fieldCategories')}</legend>
                {vm.categories.length ? (
                  <ul class="checks">
                    {vm.categories.map((c) => (
                      <li>
                        <label>
                          <input type="checkbox" name="categories" value={String(c.id)} checked={c.checked} /> <bdi lang={vm.lang}>{c.label}</bdi>
                        </label>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="hint">{t('noCategories')}</p>
                )}
                <Err id="categories" errors={e} />
              </fieldset>
              <div class="box">
                <TextField id="tags" name="tags" label={t('fieldTags')} value={vm.values.tags} errors={e} hint={t('fieldTagsHint')} lang={vm.lang} dir={vm.dir} />
              </div>
              <fieldset class="box" aria-describedby={e.authors ? 'authors-error' : undefined}>
                <legend>{t('fieldAuthors')}</legend>
                <ul class="checks scroll">
                  {vm.authors.map((a) => (
                    <li>
                      <label>
                        <input type="checkbox" name="authors" value={String(a.id)} checked={a.checked} /> <bdi>{a.label}</bdi>
                      </label>
                    </li>
                  ))}
                </ul>
                <Err id="authors" errors={e} />
              </fieldset>
            </>
          )}
          <FeaturedImageBox vm={vm} t={t} />
          <SeoBox vm={vm.news} t={t} />
          {vm.kind === 'post' && (
            <fieldset class="box">
              <legend>{t('fieldComments')}</legend>
              <label>
                <input type="radio" name="comment_status" value="open" checked={vm.commentsOpen} /> {t('commentsOpen')}
              </label>{' '}
              <label>
                <input type="radio" name="comment_status" value="closed" checked={!vm.commentsOpen} /> {t('commentsClosed')}
              </label>
            </fieldset>
          )}
          {vm.translations.length > 0 && (
            <fieldset class="box" aria-describedby="translations-hint">
              <legend>{t('fieldTranslations')}</legend>
              <p class="hint" id="translations-hint">
                {t('fieldTranslationsHint')}
              </p>
              {vm.translations.map((tr) => (
                <div class="field">
                  <label for={tr.name}>{tr.label}</label>
                  <select id={tr.name} name={tr.name} lang={tr.lang} dir={tr.dir}>
                    {tr.options.map((o) => (
                      <option value={o.value} selected={o.selected}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              <Err id="translations" errors={e} />
            </fieldset>
          )}
        </div>
      </form>
    </>
  );
}

export interface RevisionRowVM {
  id: number;
  when: { iso: string; text: string };
  who: string;
  kind: string;
  title: string;
  checkedFrom: boolean;
  checkedTo: boolean;
  restoreUrl: string | null;
}

export interface RevisionsPageVM {
  heading: string;
  lang: string;
  notices: Notice[];
  compareAction: string;
  csrf: string;
  rows: RevisionRowVM[];
  editorUrl: string;
}

export function RevisionsPage({ vm, t }: { vm: RevisionsPageVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{vm.heading}</h1>
      <Notices notices={vm.notices} />
      <p>{t('revisionsIntro')}</p>
      <p>
        <a href={vm.editorUrl}>{t('backToEditor')}</a>
      </p>
      {vm.rows.length ? (
        <>
          <form method="get" action={vm.compareAction} id="compare-form">
            <table class="articles revisions">
              <thead>
                <tr>
                  <th scope="col">{t('revisionFrom')}</th>
                  <th scope="col">{t('revisionTo')}</th>
                  <th scope="col">{t('revisionCol')}</th>
                  <th scope="col">{t('revisionWhen')}</th>
                  <th scope="col">{t('revisionWho')}</th>
                  <th scope="col">{t('revisionKind')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('restore')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {vm.rows.map((r) => (
                  <tr data-revision={r.id}>
                    <td>
                      <input type="radio" name="from" value={String(r.id)} checked={r.checkedFrom} aria-label={`${t('revisionFrom')} #${r.id}`} />
                    </td>
                    <td>
                      <input type="radio" name="to" value={String(r.id)} checked={r.checkedTo} aria-label={`${t('revisionTo')} #${r.id}`} />
                    </td>
                    <th scope="row" class="title">
                      #{r.id} <bdi lang={vm.lang}>{r.title}</bdi>
                    </th>
                    <td>
                      <time dateTime={r.when.iso}>{r.when.text}</time>
                    </td>
                    <td>
                      <bdi>{r.who}</bdi>
                    </td>
                    <td>{r.kind}</td>
                    <td>
                      {r.restoreUrl && (
                        <button type="submit" form={`restore-${r.id}`} class="link-button">
                          {t('restore')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <button type="submit" class="button" id="compare-button">
                {t('compare')}
              </button>
            </p>
          </form>
          {vm.rows.map((r) =>
            r.restoreUrl ? (
              <form method="post" action={r.restoreUrl} id={`restore-${r.id}`} class="inline-form">
                <Csrf token={vm.csrf} />
              </form>
            ) : null,
          )}
        </>
      ) : (
        <p class="empty">{t('noRevisions')}</p>
      )}
    </>
  );
}

export type DiffPartVM = { op: 'same' | 'del' | 'ins'; text: string };

export interface ComparePageVM {
  heading: string;
  lang: string;
  dir: 'rtl' | 'ltr';
  older: string;
  newer: string;
  rows: { label: string; before: DiffPartVM[]; after: DiffPartVM[]; same: boolean }[];
  note: string | null;
  revisionsUrl: string;
  editorUrl: string;
  restore: { url: string; csrf: string; label: string } | null;
}

/** One side of a diff: the old side shows what was removed, the new side what was added. */
function Side({ parts, side }: { parts: DiffPartVM[]; side: 'before' | 'after' }) {
  return (
    <>
      {parts.map((p) =>
        p.op === 'same' ? (
          p.text
        ) : p.op === 'del' ? (
          side === 'before' ? <del>{p.text}</del> : null
        ) : side === 'after' ? (
          <ins>{p.text}</ins>
        ) : null,
      )}
    </>
  );
}

export function ComparePage({ vm, t }: { vm: ComparePageVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{vm.heading}</h1>
      <p>
        <a href={vm.revisionsUrl}>{t('backToRevisions')}</a> · <a href={vm.editorUrl}>{t('backToEditor')}</a>
      </p>
      {vm.note && <p class="notice">{vm.note}</p>}
      <div class="diff">
        <h2 class="diff-side-title">{vm.older}</h2>
        <h2 class="diff-side-title">{vm.newer}</h2>
        {vm.rows.map((r) => (
          <>
            <h3 class="diff-label">{r.label}</h3>
            <div class="diff-cell diff-before" lang={vm.lang} dir={vm.dir}>
              <Side parts={r.before} side="before" />
            </div>
            <div class="diff-cell diff-after" lang={vm.lang} dir={vm.dir}>
              <Side parts={r.after} side="after" />
            </div>
          </>
        ))}
      </div>
      {vm.restore && (
        <form method="post" action={vm.restore.url}>
          <Csrf token={vm.restore.csrf} />
          <button type="submit" class="button">
            {vm.restore.label}
          </button>
        </form>
      )}
    </>
  );
}
