import type { RichEditorStrings } from './strings.ts';

export interface MediaItem {
  id: number | string;
  url: string;
  alt: string;
  width: number | null;
  height: number | null;
}

export interface PickedImage {
  src: string;
  alt: string;
  width?: number;
  height?: number;
}

/** The library's JSON (an array, or {items: [...]}) as checked items; anything odd is skipped. */
export function mediaItems(json: unknown): MediaItem[] {
  const list = Array.isArray(json) ? json : Array.isArray((json as { items?: unknown } | null)?.items) ? (json as { items: unknown[] }).items : [];
  const out: MediaItem[] = [];
  for (const raw of list) {
    if (typeof raw !== 'object' || raw === null) continue;
    const r = raw as Record<string, unknown>;
    if (typeof r.url !== 'string') continue;
    let u: URL;
    try {
      u = new URL(r.url, location.href);
    } catch {
      continue;
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') continue;
    const size = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);
    out.push({
      id: typeof r.id === 'number' || typeof r.id === 'string' ? r.id : out.length,
      // Same-origin images keep their path, so the stored HTML does not name the admin's host.
      url: u.origin === location.origin ? `${u.pathname}${u.search}` : u.href,
      alt: typeof r.alt === 'string' ? r.alt : '',
      width: size(r.width),
      height: size(r.height),
    });
  }
  return out;
}

let seq = 0;

export interface PickOptions {
  /** Where a new image is sent (the newsroom's media upload route, multipart); absent → no upload. */
  upload?: { url: string; csrf: () => string };
  /** A file dropped or pasted into the editor: the dialog opens on it and asks only its alt text. */
  file?: File;
  /** Several images (a gallery): check boxes, each image keeps its library alt text. */
  multiple?: boolean;
}

/** The upload route's JSON answer, or its refusal's message (in the user's language, from the server). */
async function uploadImage(file: File, alt: string, upload: NonNullable<PickOptions['upload']>, s: RichEditorStrings): Promise<MediaItem | string> {
  const body = new FormData();
  body.append('alt', alt);
  body.append('file', file);
  try {
    const res = await fetch(upload.url, { method: 'POST', body, credentials: 'same-origin', headers: { accept: 'application/json', 'x-csrf-token': upload.csrf() } });
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) return mediaItems([json])[0] ?? s.mediaUploadFailed;
    const error = (json as { error?: unknown } | null)?.error;
    return typeof error === 'string' && error ? error : s.mediaUploadFailed;
  } catch {
    return s.mediaUploadFailed;
  }
}

/**
 * A modal dialog listing the media library's images (fetched from the page's data-media-url),
 * with a file input that uploads a new one; resolves with the chosen (or uploaded) image and its
 * alternative text (required), or null on cancel. A refused upload keeps the dialog open with the
 * server's reason; nothing is inserted until an image is stored.
 */
export async function pickImage(mediaUrl: string, s: RichEditorStrings, o: Omit<PickOptions, 'multiple'> = {}): Promise<PickedImage | null> {
  return (await mediaDialog(mediaUrl, s, o))?.[0] ?? null;
}

/** Several library images at once (a gallery); null on cancel. */
export function pickImages(mediaUrl: string, s: RichEditorStrings): Promise<PickedImage[] | null> {
  return mediaDialog(mediaUrl, s, { multiple: true });
}

function mediaDialog(mediaUrl: string, s: RichEditorStrings, o: PickOptions): Promise<PickedImage[] | null> {
  const id = `rich-media-${++seq}`;
  const onlyUpload = Boolean(o.file && o.upload);
  const dialog = document.createElement('dialog');
  dialog.className = 'rich-media';
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  const form = document.createElement('form');
  form.method = 'dialog';
  form.noValidate = true;
  const title = document.createElement('h2');
  title.id = `${id}-title`;
  title.textContent = o.multiple ? s.galleryTitle : onlyUpload ? s.mediaUploadTitle : s.mediaTitle;
  // The upload: a file input (or the file dropped / pasted), sent when "Insert" is pressed.
  let file: File | null = o.file ?? null;
  const uploadBox = document.createElement('p');
  uploadBox.className = 'rich-media-upload';
  const fileLabel = document.createElement('label');
  fileLabel.htmlFor = `${id}-file`;
  fileLabel.textContent = s.mediaUpload;
  const fileInput = document.createElement('input');
  fileInput.type = 'file';
  fileInput.id = `${id}-file`;
  fileInput.accept = 'image/jpeg,image/png,image/webp,image/avif,image/gif';
  const fileName = document.createElement('span');
  fileName.className = 'rich-media-file';
  fileName.dir = 'auto';
  if (file) fileName.textContent = file.name;
  uploadBox.append(fileLabel, fileInput, fileName);
  uploadBox.hidden = !o.upload || Boolean(o.multiple);
  fileInput.hidden = onlyUpload;
  fileLabel.hidden = onlyUpload;
  const uploadError = document.createElement('p');
  uploadError.className = 'field-error';
  uploadError.setAttribute('role', 'alert');
  uploadError.hidden = true;
  const or = document.createElement('p');
  or.className = 'rich-media-or';
  or.textContent = s.mediaOr;
  or.hidden = uploadBox.hidden || onlyUpload;
  const status = document.createElement('p');
  status.className = 'rich-media-status';
  status.setAttribute('role', 'status');
  status.textContent = onlyUpload ? '' : s.mediaLoading;
  const search = document.createElement('input');
  search.type = 'search';
  search.className = 'rich-media-search';
  search.setAttribute('aria-label', s.mediaSearch);
  search.placeholder = s.mediaSearch;
  search.dir = 'auto';
  const more = document.createElement('button');
  more.type = 'button';
  more.className = 'small-button';
  more.textContent = s.mediaMore;
  more.hidden = true;
  const grid = document.createElement('fieldset');
  grid.className = 'rich-media-grid';
  const legend = document.createElement('legend');
  legend.className = 'visually-hidden';
  legend.textContent = o.multiple ? s.galleryChoose : s.mediaChoose;
  grid.append(legend);
  search.hidden = grid.hidden = onlyUpload;
  const altLabel = document.createElement('label');
  altLabel.htmlFor = `${id}-alt`;
  altLabel.textContent = s.mediaAlt;
  const alt = document.createElement('input');
  alt.id = `${id}-alt`;
  alt.name = 'alt';
  alt.required = !o.multiple;
  alt.dir = 'auto';
  altLabel.hidden = alt.hidden = Boolean(o.multiple);
  const error = document.createElement('p');
  error.className = 'field-error';
  error.id = `${id}-error`;
  error.hidden = true;
  alt.setAttribute('aria-describedby', error.id);
  const actions = document.createElement('p');
  actions.className = 'rich-media-actions';
  const insert = document.createElement('button');
  insert.type = 'submit';
  insert.value = 'insert';
  insert.className = 'button';
  insert.textContent = s.mediaInsert;
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'small-button rich-media-cancel';
  cancel.textContent = s.cancel;
  actions.append(insert, cancel);
  form.append(title, uploadBox, or, search, status, grid, more, altLabel, alt, error, uploadError, actions);
  dialog.append(form);
  document.body.append(dialog);

  let items: MediaItem[] = [];
  const chosen = () => [...form.querySelectorAll<HTMLInputElement>('input[name="media"]:checked')].map((r) => items[Number(r.value)]!).filter(Boolean);

  const showError = (text: string) => {
    error.textContent = text;
    error.hidden = false;
    alt.setAttribute('aria-invalid', 'true');
  };
  const refreshInsert = () => {
    insert.disabled = !items.length && !file;
  };

  fileInput.addEventListener('change', () => {
    file = fileInput.files?.[0] ?? null;
    fileName.textContent = file?.name ?? '';
    uploadError.hidden = true;
    // A new file is what will be inserted: no library image stays chosen beside it.
    if (file) for (const r of form.querySelectorAll<HTMLInputElement>('input[name="media"]')) r.checked = false;
    refreshInsert();
    if (file) alt.focus();
  });

  let page = 1;
  let query = '';
  let generation = 0;
  const addItem = (item: MediaItem) => {
    const label = document.createElement('label');
    label.className = 'rich-media-item';
    const radio = document.createElement('input');
    radio.type = o.multiple ? 'checkbox' : 'radio';
    radio.name = 'media';
    radio.value = String(items.length);
    radio.addEventListener('change', () => {
      // A library image chosen replaces a file picked for upload.
      if (radio.checked && file && !o.multiple) {
        file = null;
        fileInput.value = '';
        fileName.textContent = '';
      }
      // The library's alt text is a starting point; the writer may adapt it to the article.
      if (!alt.value.trim()) alt.value = item.alt;
    });
    const img = document.createElement('img');
    img.src = item.url;
    img.alt = item.alt;
    img.loading = 'lazy';
    label.append(radio, img);
    grid.append(label);
    items.push(item);
  };

  /** One page of the library (the endpoint pages and searches with ?page= and ?q=). */
  const load = async (reset: boolean) => {
    const gen = ++generation;
    if (reset) {
      page = 1;
      items = [];
      for (const el of grid.querySelectorAll('.rich-media-item')) el.remove();
    }
    status.textContent = s.mediaLoading;
    const u = new URL(mediaUrl, location.href);
    if (query) u.searchParams.set('q', query);
    if (page > 1) u.searchParams.set('page', String(page));
    let text = '';
    try {
      const res = await fetch(u, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      const json: unknown = await res.json().catch(() => null);
      if (gen !== generation) return;
      if (res.ok) {
        for (const item of mediaItems(json)) addItem(item);
        more.hidden = page >= (Number(res.headers.get('x-total-pages')) || 1);
        if (!items.length) text = query ? s.mediaNone : s.mediaEmpty;
      } else if (res.status === 404) {
        // No media library on this site (yet).
        text = s.mediaEmpty;
      } else {
        const error = (json as { error?: unknown } | null)?.error;
        text = typeof error === 'string' && error ? error : s.mediaFailed;
      }
    } catch {
      if (gen !== generation) return;
      text = s.mediaFailed;
    }
    status.textContent = text;
    refreshInsert();
  };
  more.addEventListener('click', () => {
    page++;
    void load(false);
  });
  let typing: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      query = search.value.trim();
      void load(true);
    }, 300);
  });
  // Enter in the search box searches; it must not submit (insert) the dialog.
  search.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') ev.preventDefault();
  });
  if (!onlyUpload) void load(true);
  refreshInsert();

  return new Promise((resolve) => {
    let result: PickedImage[] | null = null;
    const picked = (item: MediaItem, text: string): PickedImage => ({ src: item.url, alt: text, ...(item.width && { width: item.width }), ...(item.height && { height: item.height }) });
    form.addEventListener('submit', (ev) => {
      if (o.multiple) {
        const list = chosen();
        if (list.length < 2) {
          ev.preventDefault();
          showError(s.galleryChoose);
          return;
        }
        if (list.some((i) => !i.alt.trim())) {
          ev.preventDefault();
          showError(s.galleryNoAlt);
          return;
        }
        result = list.map((i) => picked(i, i.alt.trim()));
        return;
      }
      const item = chosen()[0];
      if (!item && !file) {
        ev.preventDefault();
        showError(s.mediaChoose);
        return;
      }
      if (!alt.value.trim()) {
        ev.preventDefault();
        showError(s.mediaAltRequired);
        alt.focus();
        return;
      }
      if (item) {
        result = [picked(item, alt.value.trim())];
        return;
      }
      // Upload first; the dialog closes only once the image is stored.
      ev.preventDefault();
      if (!o.upload || !file) return;
      const text = alt.value.trim();
      error.hidden = true;
      alt.removeAttribute('aria-invalid');
      uploadError.hidden = true;
      insert.disabled = true;
      status.textContent = s.mediaUploading;
      void uploadImage(file, text, o.upload, s).then((answer) => {
        insert.disabled = false;
        status.textContent = '';
        if (typeof answer === 'string') {
          uploadError.textContent = answer;
          uploadError.hidden = false;
          return;
        }
        result = [picked(answer, text)];
        dialog.close();
      });
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    dialog.showModal();
    if (onlyUpload) alt.focus();
  });
}
