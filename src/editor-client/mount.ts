import { Editor, Extension } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { NodeSelection } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import { embedFromUrl } from '../platform/html/embeds.ts';
import { Autosave } from './autosave.ts';
import { AutoDirection } from './direction.ts';
import { EmbedNode } from './embed-node.ts';
import { safeLinkUrl } from '../platform/html/link-url.ts';
import { pickImage } from './media-picker.ts';
import { cleanPastedHtml } from './paste.ts';
import { stringsFor } from './strings.ts';
import { createToolbar, type Tool } from './toolbar.ts';

/**
 * Replaces a `<textarea data-rich-editor>` by a TipTap editor. The textarea stays in the form,
 * hidden, and always holds the editor's HTML, so the form posts the same field with or without
 * JavaScript. Only nodes and marks the server's sanitiser keeps are enabled (sanitize.ts).
 */
export function mountRichEditor(textarea: HTMLTextAreaElement): Editor {
  const s = stringsFor(document.documentElement.lang);
  const form = textarea.form;
  // The article's direction: the textarea's (its own dir, else the page's).
  const dir = getComputedStyle(textarea).direction === 'ltr' ? 'ltr' : 'rtl';
  const lang = textarea.closest('[lang]')?.getAttribute('lang') ?? '';

  const wrapper = document.createElement('div');
  wrapper.className = 'rich-editor';
  const host = document.createElement('div');
  host.className = 'rich-editor-host';
  const status = (form?.querySelector<HTMLElement>('[data-autosave-status]') ?? document.createElement('p'));
  if (!status.isConnected) {
    status.className = 'rich-editor-status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
  }

  const label = textarea.id ? document.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(textarea.id)}"]`) : null;
  if (label && !label.id) label.id = `${textarea.id}-label`;

  const editor: Editor = new Editor({
    element: host,
    // No <style> element: the admin's CSP (style-src 'self') refuses it; admin.css has the rules.
    injectCSS: false,
    content: textarea.value,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        // Stored HTML gets rel="noopener" from the sanitiser and no target.
        link: {
          openOnClick: false,
          autolink: true,
          protocols: ['mailto'],
          HTMLAttributes: { rel: 'noopener', target: null },
          // What the sanitiser keeps: http(s), mailto and links within the site.
          isAllowedUri: (url) => /^(https?:|mailto:|\/(?!\/)|#)/i.test(url.trim()),
        },
      }),
      Image.configure({ inline: false, allowBase64: false }),
      EmbedNode,
      AutoDirection,
      // Ctrl/⌘+K for a link, as in most editors.
      Extension.create({ name: 'linkShortcut', addKeyboardShortcuts: () => ({ 'Mod-k': () => (editLink(), true) }) }),
    ],
    editorProps: {
      attributes: {
        class: 'rich-editor-content',
        dir,
        ...(lang && { lang }),
        role: 'textbox',
        'aria-multiline': 'true',
        ...(label ? { 'aria-labelledby': label.id } : { 'aria-label': s.editorLabel }),
        // The field's hint and error message, and its invalid state, belong to the editor now.
        ...(textarea.getAttribute('aria-describedby') && { 'aria-describedby': textarea.getAttribute('aria-describedby')! }),
        ...(textarea.getAttribute('aria-invalid') === 'true' && { 'aria-invalid': 'true' }),
      },
      transformPastedHTML: cleanPastedHtml,
      // A YouTube or X link pasted on its own becomes an embed block.
      handlePaste: (_view, event): boolean => {
        const text = event.clipboardData?.getData('text/plain')?.trim() ?? '';
        const embed = /\s/.test(text) ? null : embedFromUrl(text);
        if (!embed) return false;
        insertBlock({ type: 'embed', attrs: { provider: embed.provider, id: embed.id } });
        return true;
      },
    },
  });

  let autosave: Autosave | null = null;
  const sync = () => {
    // Without the empty paragraph TipTap keeps at the end for the caret.
    textarea.value = editor.isEmpty ? '' : editor.getHTML().replace(/(<p[^>]*><\/p>)+$/, '');
  };
  editor.on('update', () => {
    sync();
    // The form's own input events do not fire for the contenteditable's changes.
    autosave?.changed();
  });

  const chain = () => editor.chain().focus();
  const tools: Tool[][] = [
    [
      { name: 'h2', label: 'heading2', hint: 'heading2Hint', run: () => chain().toggleHeading({ level: 2 }).run(), active: () => editor.isActive('heading', { level: 2 }) },
      { name: 'h3', label: 'heading3', hint: 'heading3Hint', run: () => chain().toggleHeading({ level: 3 }).run(), active: () => editor.isActive('heading', { level: 3 }) },
    ],
    [
      { name: 'bold', label: 'bold', run: () => chain().toggleBold().run(), active: () => editor.isActive('bold') },
      { name: 'italic', label: 'italic', run: () => chain().toggleItalic().run(), active: () => editor.isActive('italic') },
      { name: 'link', label: 'link', hint: 'linkHint', run: () => editLink(), active: () => editor.isActive('link') },
    ],
    [
      { name: 'bullets', label: 'bulletList', run: () => chain().toggleBulletList().run(), active: () => editor.isActive('bulletList') },
      { name: 'numbers', label: 'orderedList', run: () => chain().toggleOrderedList().run(), active: () => editor.isActive('orderedList') },
      { name: 'quote', label: 'blockquote', run: () => chain().toggleBlockquote().run(), active: () => editor.isActive('blockquote') },
    ],
    [
      ...(form?.dataset.mediaUrl ? [{ name: 'image', label: 'image', hint: 'imageHint', run: () => void insertImage(form.dataset.mediaUrl!) } satisfies Tool] : []),
      { name: 'embed', label: 'embed', hint: 'embedHint', run: () => insertEmbed() },
    ],
    [
      { name: 'undo', label: 'undo', run: () => chain().undo().run(), enabled: () => editor.can().undo() },
      { name: 'redo', label: 'redo', run: () => chain().redo().run(), enabled: () => editor.can().redo() },
    ],
  ];

  function editLink() {
    const current = (editor.getAttributes('link').href as string | undefined) ?? '';
    const answer = window.prompt(s.linkPrompt, current);
    if (answer === null) return;
    if (!answer.trim()) {
      chain().extendMarkRange('link').unsetLink().run();
      return;
    }
    const href = safeLinkUrl(answer);
    if (!href) {
      window.alert(s.linkInvalid);
      return;
    }
    if (editor.state.selection.empty && !editor.isActive('link')) {
      // No text selected: the address itself becomes the linked text.
      chain().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      chain().extendMarkRange('link').setLink({ href }).run();
    }
  }

  /** Inserts a block at the caret (in place of selected text, but after a selected block). */
  function insertBlock(content: Parameters<Editor['commands']['insertContent']>[0]) {
    const { selection } = editor.state;
    const at = selection instanceof NodeSelection ? selection.to : { from: selection.from, to: selection.to };
    chain().insertContentAt(at, content).run();
  }

  function insertEmbed() {
    const answer = window.prompt(s.embedPrompt, '');
    if (answer === null || !answer.trim()) return;
    const embed = embedFromUrl(answer);
    if (!embed) {
      window.alert(s.embedInvalid);
      return;
    }
    insertBlock({ type: 'embed', attrs: { provider: embed.provider, id: embed.id } });
  }

  async function insertImage(mediaUrl: string) {
    const picked = await pickImage(mediaUrl, s);
    // focus() restores the selection the editor had before the dialog.
    if (picked) insertBlock({ type: 'image', attrs: picked });
    else editor.commands.focus();
  }

  // The toolbar follows the page (the UI language); only the text takes the article's direction.
  const toolbar = createToolbar(editor, tools, s);
  wrapper.append(toolbar, host);
  textarea.before(wrapper);
  if (!status.isConnected) wrapper.after(status);
  // Hidden but still in the form; `required` would block the submit on a field no one can see.
  textarea.hidden = true;
  textarea.required = false;
  label?.addEventListener('click', () => editor.commands.focus());

  const autosaveUrl = form?.dataset.autosaveUrl;
  // data-autosave-interval (seconds) lets a page choose another pace than every 10 s.
  const every = Number(form?.dataset.autosaveInterval) * 1000;
  if (form && autosaveUrl) {
    autosave = new Autosave({ form, url: autosaveUrl, status, strings: s, sync, editor: wrapper, ...(every > 0 && { intervalMs: every }) });
  }
  return editor;
}
