// The newsroom's rich-text editor: every `<textarea data-rich-editor>` on the page becomes one;
// the featured image box gets its library, upload and focal-point controls.
// Loaded as a module script (deferred), so the page is parsed when this runs.
import { mountFeaturedImage } from './featured-image.ts';
import { mountRichEditor, uploadOptions } from './mount.ts';
import { stringsFor } from './strings.ts';
import { watchWordCount } from './word-count.ts';

for (const textarea of document.querySelectorAll<HTMLTextAreaElement>('textarea[data-rich-editor]')) {
  watchWordCount(mountRichEditor(textarea), textarea.form);
}
for (const box of document.querySelectorAll<HTMLElement>('[data-featured-image]')) {
  const form = box.closest('form');
  const mediaUrl = form?.dataset.mediaUrl;
  if (form && mediaUrl) mountFeaturedImage(box, stringsFor(document.documentElement.lang), mediaUrl, uploadOptions(form));
}
