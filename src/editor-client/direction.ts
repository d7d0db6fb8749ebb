import { Extension } from '@tiptap/core';

const DIRS = new Set(['auto', 'rtl', 'ltr']);

/**
 * dir="auto" on every paragraph and heading (kept from the stored HTML when it says rtl or
 * ltr): in an Arabic article a paragraph that starts in Latin script (a quote in English) lays
 * out left-to-right, in the editor and on the public page alike, while the editor itself
 * takes the article's direction. (TipTap's own textDirection option would also put dir on the
 * editor root, which must follow the page instead.)
 */
export const AutoDirection = Extension.create({
  name: 'autoDirection',
  addGlobalAttributes() {
    return [
      {
        types: ['paragraph', 'heading'],
        attributes: {
          dir: {
            default: 'auto',
            parseHTML: (el) => {
              const d = el.getAttribute('dir')?.toLowerCase() ?? '';
              return DIRS.has(d) ? d : 'auto';
            },
            renderHTML: (attrs) => ({ dir: attrs.dir as string }),
          },
        },
      },
    ];
  },
});
