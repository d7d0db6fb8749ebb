import { Editor, Extension } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { NodeSelection } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import { embedFromUrl } from '../platform/html/embeds.ts';
import { Autosave } from './autosave.ts';
import { AutoDirection } from './direction.ts';
import { EmbedNode } from './embed-node.ts';
import { safeLinkUrl } from '../platform/html/link-url.ts';
import { GalleryNode } from './gallery-node.ts';
import { type PickOptions, pickImage, pickImages } from './media-picker.ts';
import { addColumnAfter, addRowAfter, deleteTable, isInTable, TableExtensions, tableContent } from './table-nodes.ts';
import { cleanPastedHtml } from './paste.ts';
import { stringsFor } from './strings.ts';
import { createToolbar, type Tool } from './toolbar.ts';

/**
 * Replaces a `<textarea data-rich-editor>` by a TipTap editor. The textarea stays in the form,
 * hidden, and always holds the editor's HTML, so the form posts the same field with or without
 * JavaScript. Only nodes and marks the server's sanitiser keeps are enabled (sanitize.ts).
 */
/** The image files a drop or a paste carries (other files and text are left to the editor). */
function imageFiles(data: DataTransfer | null): File[] {
  return [...(data?.files ?? [])].filter((f) => f.type.startsWith('image/'));
}

/** Where the form's images are uploaded (its data-upload-url, with its CSRF token); absent → no upload. */
export function uploadOptions(form: HTMLFormElement): PickOptions['upload'] | undefined {
  const url = form.dataset.uploadUrl;
  return url ? { url, csrf: () => (form.elements.namedItem('_csrf') as HTMLInputElement | null)?.value ?? '' } : undefined;
}

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

  const mediaUrl = form?.dataset.mediaUrl;
  // Uploads go to the newsroom's media route with the form's CSRF token (data-upload-url).
  const upload = form && mediaUrl ? uploadOptions(form) : undefined;

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
      GalleryNode,
      ...TableExtensions,
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
      // An image file dropped on the text is uploaded (its alt text asked for) and put where it fell.
      handleDrop: (view, event, _slice, moved): boolean => {
        const files = imageFiles(event.dataTransfer);
        if (moved || !files.length || !upload) return false;
        event.preventDefault();
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos;
        void uploadFiles(files, at);
        return true;
      },
      // A YouTube or X link pasted on its own becomes an embed block; a pasted image file is uploaded.
      handlePaste: (_view, event): boolean => {
        const files = imageFiles(event.clipboardData);
        if (files.length && upload) {
          event.preventDefault();
          void uploadFiles(files);
          return true;
        }
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
      ...(mediaUrl
        ? [
          { name: 'image', label: 'image', hint: 'imageHint', run: () => void insertImage(mediaUrl) } satisfies Tool,
          { name: 'gallery', label: 'gallery', hint: 'galleryHint', run: () => void insertGallery(mediaUrl) } satisfies Tool,
        ]
        : []),
      { name: 'embed', label: 'embed', hint: 'embedHint', run: () => insertEmbed() },
    ],
    [
      { name: 'table', label: 'table', hint: 'tableHint', run: () => insertTable(), enabled: () => !isInTable(editor.state) },
      { name: 'table-row', label: 'tableRow', hint: 'tableRowHint', run: () => (addRowAfter(editor.state, editor.view.dispatch), editor.commands.focus()), enabled: () => isInTable(editor.state) },
      { name: 'table-column', label: 'tableColumn', hint: 'tableColumnHint', run: () => (addColumnAfter(editor.state, editor.view.dispatch), editor.commands.focus()), enabled: () => isInTable(editor.state) },
      { name: 'table-delete', label: 'tableDelete', run: () => (deleteTable(editor.state, editor.view.dispatch), editor.commands.focus()), enabled: () => isInTable(editor.state) },
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
    const picked = await pickImage(mediaUrl, s, upload ? { upload } : {});
    // focus() restores the selection the editor had before the dialog.
    if (picked) insertBlock({ type: 'image', attrs: picked });
    else editor.commands.focus();
  }

  /** A 3 × 3 table at the caret, the caret in its first (header) cell. */
  function insertTable() {
    if (isInTable(editor.state)) return;
    insertBlock(tableContent());
    // The insertion leaves the caret in the last cell; writing starts in the first.
    const { $from } = editor.state.selection;
    for (let d = $from.depth; d > 0; d--) {
      if ($from.node(d).type.name === 'table') {
        chain().setTextSelection($from.before(d) + 3).run();
        break;
      }
    }
  }

  async function insertGallery(mediaUrl: string) {
    const images = await pickImages(mediaUrl, s);
    if (images) insertBlock({ type: 'gallery', attrs: { images } });
    else editor.commands.focus();
  }

  /**
   * Dropped or pasted image files, one dialog each (its alt text is required): each is inserted
   * once stored; one refused or cancelled changes nothing in the text.
   */
  async function uploadFiles(files: File[], at?: number) {
    for (const file of files) {
      const picked = await pickImage(mediaUrl!, s, { upload: upload!, file });
      if (!picked) continue;
      const node = { type: 'image', attrs: picked };
      if (at !== undefined && at <= editor.state.doc.content.size) {
        chain().insertContentAt(at, node).run();
        at = editor.state.selection.to;
      } else insertBlock(node);
    }
    editor.commands.focus();
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
