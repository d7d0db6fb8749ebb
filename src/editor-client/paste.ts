const BOLD = /font-weight\s*:\s*(bold|bolder|[6-9]00)\b/i;
const NOT_BOLD = /font-weight\s*:\s*(normal|lighter|[1-4]00)\b/i;
const ITALIC = /font-style\s*:\s*(italic|oblique)\b/i;

/**
 * Pasted (or dropped) HTML before the editor's schema reads it. DOMParser's document is inert:
 * nothing in the pasted HTML runs or loads.
 * - Bold and italic given by style attributes (Google Docs, many web pages) become <strong> and
 *   <em>: under the admin's CSP (style-src 'self') the browser does not apply pasted style
 *   attributes, so the editor could not see them, and Google Docs' <b style="font-weight:normal">
 *   wrapper would make a whole paste bold.
 * - Link attributes the article does not keep (target, rel, class) go, so a pasted link reads
 *   exactly like one made with the toolbar and the server's sanitiser has nothing to change.
 * Everything else is limited by the schema (unknown tags and attributes are not parsed).
 */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of [...doc.body.querySelectorAll('[style]')]) {
    const style = el.getAttribute('style') ?? '';
    el.removeAttribute('style');
    if (el.localName === 'b' && NOT_BOLD.test(style)) {
      el.replaceWith(...el.childNodes);
      continue;
    }
    if (BOLD.test(style)) wrapContent(el, 'strong');
    if (ITALIC.test(style)) wrapContent(el, 'em');
  }
  for (const a of doc.querySelectorAll('a')) {
    for (const name of ['target', 'rel', 'class']) a.removeAttribute(name);
  }
  return doc.body.innerHTML;
}

function wrapContent(el: Element, tag: 'strong' | 'em'): void {
  const wrapper = el.ownerDocument.createElement(tag);
  wrapper.append(...el.childNodes);
  el.append(wrapper);
}
