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

/**
 * A modal dialog listing the media library's images (fetched from the page's data-media-url);
 * resolves with the chosen image and its alternative text (required), or null on cancel.
 */
export function pickImage(mediaUrl: string, s: RichEditorStrings): Promise<PickedImage | null> {
  const id = `rich-media-${++seq}`;
  const dialog = document.createElement('dialog');
  dialog.className = 'rich-media';
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  const form = document.createElement('form');
  form.method = 'dialog';
  form.noValidate = true;
  const title = document.createElement('h2');
  title.id = `${id}-title`;
  title.textContent = s.mediaTitle;
  const status = document.createElement('p');
  status.className = 'rich-media-status';
  status.setAttribute('role', 'status');
  status.textContent = s.mediaLoading;
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
  legend.textContent = s.mediaChoose;
  grid.append(legend);
  const altLabel = document.createElement('label');
  altLabel.htmlFor = `${id}-alt`;
  altLabel.textContent = s.mediaAlt;
  const alt = document.createElement('input');
  alt.id = `${id}-alt`;
  alt.name = 'alt';
  alt.required = true;
  alt.dir = 'auto';
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
  cancel.className = 'small-button';
  cancel.textContent = s.cancel;
  actions.append(insert, cancel);
  form.append(title, search, status, grid, more, altLabel, alt, error, actions);
  dialog.append(form);
  document.body.append(dialog);

  let items: MediaItem[] = [];
  const chosen = () => items[Number((form.elements.namedItem('media') as RadioNodeList | null)?.value ?? NaN)];

  const showError = (text: string) => {
    error.textContent = text;
    error.hidden = false;
    alt.setAttribute('aria-invalid', 'true');
  };

  let page = 1;
  let query = '';
  let generation = 0;
  const addItem = (item: MediaItem) => {
    const label = document.createElement('label');
    label.className = 'rich-media-item';
    const radio = document.createElement('input');
    radio.type = 'radio';
    radio.name = 'media';
    radio.value = String(items.length);
    radio.addEventListener('change', () => {
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
    insert.disabled = !items.length;
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
  void load(true);

  return new Promise((resolve) => {
    let result: PickedImage | null = null;
    form.addEventListener('submit', (ev) => {
      const item = chosen();
      if (!item) {
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
      result = { src: item.url, alt: alt.value.trim(), ...(item.width && { width: item.width }), ...(item.height && { height: item.height }) };
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    dialog.showModal();
  });
}
