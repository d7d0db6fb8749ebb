import { Node } from '@tiptap/core';

export interface GalleryImage {
  src: string;
  alt: string;
  width?: number;
  height?: number;
}

const size = (v: string | null) => (v && /^[1-9]\d{0,4}$/.test(v) ? Number(v) : undefined);

/**
 * A gallery: `<figure class="gallery">` holding one `<figure><img></figure>` per photo — the shape
 * WordPress imports have, which the sanitiser keeps and the public stylesheet lays out as a grid.
 * One atomic block in the editor (moved or deleted whole), showing its thumbnails.
 */
export const GalleryNode = Node.create({
  name: 'gallery',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      images: {
        default: [] as GalleryImage[],
        parseHTML: (el) =>
          [...el.querySelectorAll('img')].flatMap((img): GalleryImage[] => {
            const src = img.getAttribute('src');
            if (!src) return [];
            const w = size(img.getAttribute('width'));
            const h = size(img.getAttribute('height'));
            return [{ src, alt: img.getAttribute('alt') ?? '', ...(w && { width: w }), ...(h && { height: h }) }];
          }),
        renderHTML: () => ({}),
      },
      // An imported gallery's caption (plain text) is kept, not lost on the first save.
      caption: { default: '', parseHTML: (el) => el.querySelector(':scope > figcaption')?.textContent?.trim() ?? '', renderHTML: () => ({}) },
    };
  },

  parseHTML() {
    // Before the plain image's rule: the whole figure is one node.
    return [{ tag: 'figure.gallery', priority: 60 }];
  },

  renderHTML({ node }) {
    const images = node.attrs.images as GalleryImage[];
    return [
      'figure',
      { class: 'gallery' },
      ...images.map((i) => ['figure', {}, ['img', { src: i.src, alt: i.alt, ...(i.width && { width: i.width }), ...(i.height && { height: i.height }) }]] as const),
      ...(node.attrs.caption ? [['figcaption', {}, String(node.attrs.caption)] as const] : []),
    ] as unknown as [string, Record<string, string>];
  },

  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('figure');
      dom.className = 'rich-gallery';
      dom.contentEditable = 'false';
      for (const i of node.attrs.images as GalleryImage[]) {
        const img = document.createElement('img');
        img.src = i.src;
        img.alt = i.alt;
        dom.append(img);
      }
      return { dom };
    };
  },
});
