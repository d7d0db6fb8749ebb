import type { Editor } from '@tiptap/core';
import { countWords } from '../platform/arabic/word-count.ts';

/**
 * Keeps the page's word count (`output[data-word-count]` in the editor's form) current as the
 * text changes. The same count as the server's (platform/arabic/word-count.ts): Arabic words with
 * their attached conjunctions are one word each, punctuation is none.
 */
export function watchWordCount(editor: Editor, form: HTMLFormElement | null): void {
  const out = form?.querySelector<HTMLOutputElement>('output[data-word-count]');
  if (!out) return;
  // Blocks are joined by a blank line, so words in adjacent paragraphs are never glued together.
  const update = () => {
    out.value = String(countWords(editor.getText({ blockSeparator: '\n\n' })));
  };
  editor.on('update', update);
  update();
}
