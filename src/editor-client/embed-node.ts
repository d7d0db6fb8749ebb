import { mergeAttributes, Node } from '@tiptap/core';
import { EMBED_PROVIDER_NAMES, type Embed, embedOf, embedUrl } from '../platform/html/embeds.ts';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    embed: {
      /** Inserts a YouTube / X placeholder at the selection. */
      setEmbed: (embed: Embed) => ReturnType;
    };
  }
}

/**
 * A YouTube video or X post as an atomic block. Its HTML is exactly the placeholder the server
 * keeps (src/platform/html/embeds.ts); in the editor it shows as a card with the provider and
 * the address, without loading anything from the provider.
 */
export const EmbedNode = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      provider: { default: null, parseHTML: (el) => el.getAttribute('data-embed'), renderHTML: () => ({}) },
      id: { default: null, parseHTML: (el) => el.getAttribute('data-embed-id'), renderHTML: () => ({}) },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'figure[data-embed]',
        // Before figure's other uses; an invalid pair is not an embed at all.
        priority: 60,
        getAttrs: (el) => (embedOf(el.getAttribute('data-embed'), el.getAttribute('data-embed-id')) ? null : false),
      },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const e = embedOf(node.attrs.provider, node.attrs.id);
    if (!e) return ['p', {}];
    const url = embedUrl(e);
    return ['figure', mergeAttributes(HTMLAttributes, { 'data-embed': e.provider, 'data-embed-id': e.id }), ['a', { href: url, rel: 'noopener' }, url]];
  },

  addNodeView() {
    return ({ node }) => {
      const e = embedOf(node.attrs.provider, node.attrs.id);
      const dom = document.createElement('figure');
      dom.className = 'rich-embed';
      dom.contentEditable = 'false';
      if (!e) return { dom };
      dom.dataset.embed = e.provider;
      // A label, not a link: a click in the editor must select the block, not leave the page.
      const provider = document.createElement('strong');
      provider.textContent = EMBED_PROVIDER_NAMES[e.provider];
      const url = document.createElement('span');
      url.className = 'rich-embed-url';
      url.dir = 'ltr';
      url.textContent = embedUrl(e);
      dom.append(provider, url);
      return { dom };
    };
  },

  addCommands() {
    return {
      setEmbed:
        (embed) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { provider: embed.provider, id: embed.id } }),
    };
  },
});
