// The newsroom's rich-text editor: every `<textarea data-rich-editor>` on the page becomes one.
// Loaded as a module script (deferred), so the page is parsed when this runs.
import { mountRichEditor } from './mount.ts';
import { watchWordCount } from './word-count.ts';

for (const textarea of document.querySelectorAll<HTMLTextAreaElement>('textarea[data-rich-editor]')) {
  watchWordCount(mountRichEditor(textarea), textarea.form);
}
