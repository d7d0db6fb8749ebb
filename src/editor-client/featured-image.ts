import { type PickOptions, type PickedImage, pickImage } from './media-picker.ts';
import { fill, type RichEditorStrings } from './strings.ts';

/** A per cent as the 10 % step the classes name (fx-0 … fx-10), as the server's view rounds it. */
const step = (v: string) => (/^\d{1,3}$/.test(v.trim()) ? Math.min(10, Math.round(Number(v) / 10)) : 5);
const setFocusClasses = (el: Element, x: string, y: string) => {
  el.className = el.className.replace(/\s*\bf[xy]-\d+\b/g, '');
  el.classList.add(`fx-${step(x)}`, `fy-${step(y)}`);
};

/**
 * The featured image box (theme/admin/editor-pages.tsx FeaturedImageBox) with script: buttons to
 * choose a library image or upload one on the spot (the same dialog as the editor's), a preview
 * where a click sets the focal point, and the card's crop beside it. Every value stays in the
 * form's own fields (URL, alt, focal point), so the form posts the same with or without script.
 */
export function mountFeaturedImage(box: HTMLElement, s: RichEditorStrings, mediaUrl: string, upload: PickOptions['upload'] | undefined): void {
  const field = (name: string) => box.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  const url = field('featured_image_url');
  const alt = field('featured_image_alt');
  const fx = field('featured_image_focus_x');
  const fy = field('featured_image_focus_y');
  const preview = box.querySelector<HTMLElement>('.featured-preview')!;
  const frame = preview.querySelector<HTMLElement>('.focus-frame')!;
  const marker = preview.querySelector<HTMLElement>('.focus-marker')!;
  /** The preview's picture of class `cls`, made (and placed by `place`) the first time it is asked for. */
  const picture = (cls: string, place: (img: HTMLImageElement) => void) => () => {
    let img = preview.querySelector<HTMLImageElement>(`.${cls}`);
    if (!img) {
      img = document.createElement('img');
      img.className = cls;
      img.alt = '';
      place(img);
    }
    return img;
  };
  const image = picture('focus-image', (img) => {
    frame.prepend(img);
    img.addEventListener('click', onClick);
  });
  const crop = picture('focus-crop', (img) => frame.after(img));
  const said = document.createElement('p');
  said.className = 'hint focus-said';
  said.setAttribute('role', 'status');
  preview.append(said);

  const showFocus = (announce: boolean) => {
    setFocusClasses(marker, fx.value, fy.value);
    setFocusClasses(crop(), fx.value, fy.value);
    if (announce) said.textContent = fill(s.focusSet, { x: fx.value, y: fy.value });
  };
  const showImage = () => {
    const src = url.value.trim();
    preview.hidden = !/^(https?:\/\/|\/(?!\/))/.test(src);
    remove.hidden = !src;
    if (preview.hidden) return;
    image().src = src;
    crop().src = src;
    showFocus(false);
  };
  function onClick(ev: MouseEvent) {
    const r = (ev.currentTarget as HTMLElement).getBoundingClientRect();
    if (!r.width || !r.height) return;
    const pc = (v: number) => String(Math.min(100, Math.max(0, Math.round(v * 100))));
    fx.value = pc((ev.clientX - r.left) / r.width);
    fy.value = pc((ev.clientY - r.top) / r.height);
    // The autosave (and the form's "unsaved" state) hear it as typing.
    fx.dispatchEvent(new Event('input', { bubbles: true }));
    showFocus(true);
  }
  frame.querySelector<HTMLImageElement>('.focus-image')?.addEventListener('click', onClick);
  for (const input of [fx, fy]) input.addEventListener('input', () => showFocus(false));
  url.addEventListener('change', showImage);

  const use = (picked: PickedImage | null) => {
    if (!picked) return;
    url.value = picked.src;
    alt.value = picked.alt;
    // A new photo: its focal point starts at its centre.
    fx.value = fy.value = '50';
    url.dispatchEvent(new Event('input', { bubbles: true }));
    showImage();
    said.textContent = '';
  };

  const actions = document.createElement('p');
  actions.className = 'featured-actions';
  const button = (text: string, run: () => void) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'small-button';
    b.textContent = text;
    b.addEventListener('click', run);
    actions.append(b);
    return b;
  };
  button(s.featuredLibrary, () => void pickImage(mediaUrl, s, upload ? { upload } : {}).then(use));
  if (upload) {
    // A file chosen here goes straight to the dialog that asks its alt text and uploads it.
    const file = document.createElement('input');
    file.type = 'file';
    file.accept = 'image/jpeg,image/png,image/webp,image/avif,image/gif';
    file.hidden = true;
    file.className = 'featured-file';
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      file.value = '';
      if (f) void pickImage(mediaUrl, s, { upload, file: f }).then(use);
    });
    button(s.featuredUpload, () => file.click());
    actions.append(file);
  }
  const remove = button(s.featuredRemove, () => {
    url.value = '';
    url.dispatchEvent(new Event('input', { bubbles: true }));
    showImage();
  });
  preview.before(actions);
  showImage();
}
