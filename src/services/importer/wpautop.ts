/**
 * Paragraphs for a classic WordPress post, the way WordPress's `wpautop` shows it: text split by
 * blank lines becomes paragraphs, a single line break a <br>, and block elements the writer typed
 * (lists, tables, quotes, figures) are left as they are, never wrapped in a paragraph.
 *
 * Written from WordPress's behaviour, not its code: one pass over the block tags with a stack of
 * the open ones, so the result is balanced where WordPress's regular expressions can leave a
 * stray </p>, and no expression can backtrack over the body.
 */

const BLOCK_NAMES =
  'table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary';
const BLOCK_TAG = new RegExp(`<(/?)(${BLOCK_NAMES})(?=[\\s/>])[^<>]*>`, 'gi');
const VOID = new Set(['hr', 'col', 'area']);
/** Kept exactly as written: their line breaks are the content. */
const VERBATIM = new Set(['pre', 'style', 'math']);
/** Containers whose text is a line, never paragraphs: blank lines inside become line breaks. */
const PHRASING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'caption', 'dt', 'legend', 'summary', 'figcaption', 'address']);
/** Containers that hold one line of text as is, and paragraphs when there are several. */
const FLOW_AS_IS = new Set(['li', 'td', 'th', 'dd', 'div', 'figure', 'details', 'form', 'fieldset']);

export function wpautop(input: string): string {
  const text = input.replace(/\r\n?/g, '\n').replace(/<br\s*\/?>[ \t]*\n?[ \t]*<br\s*\/?>/gi, '\n\n');
  if (!text.trim()) return '';
  const stack: string[] = [];
  const re = new RegExp(BLOCK_TAG.source, 'gi');
  let out = '';
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out += paragraphs(text.slice(from, m.index), stack.at(-1));
    const name = m[2]!.toLowerCase();
    from = re.lastIndex;
    if (m[1]) {
      const i = stack.lastIndexOf(name);
      if (i >= 0) stack.length = i;
      // One element per line at the top level; inside one, as compact as the writer's markup.
      out += stack.length ? m[0] : `${m[0]}\n`;
      continue;
    }
    if (VERBATIM.has(name)) {
      const endTag = new RegExp(`</${name}\\s*>`, 'gi');
      endTag.lastIndex = from;
      const close = endTag.exec(text) ? endTag.lastIndex : text.length;
      out += text.slice(m.index, close) + (stack.length ? '' : '\n');
      from = close;
      re.lastIndex = close;
      continue;
    }
    out += m[0];
    if (VOID.has(name)) out += stack.length ? '' : '\n';
    else stack.push(name);
  }
  out += paragraphs(text.slice(from), stack.at(-1));
  return out.trim();
}

/** The text between two block tags, inside `container` (undefined: the top level). */
function paragraphs(run: string, container: string | undefined): string {
  if (!run.trim()) return '';
  const segments = run
    .split(/\n[ \t]*\n/)
    .map((s) => lineBreaks(trimBreaks(s.trim())))
    .filter((s) => s.length > 0);
  if (!segments.length) return '';
  if (container === 'p') return segments.join('</p>\n<p>');
  if (container && PHRASING.has(container)) return segments.join('<br>\n<br>\n');
  if (container && FLOW_AS_IS.has(container) && segments.length === 1) return segments[0]!;
  return segments.map((s) => `<p>${s}</p>`).join('\n') + (container ? '' : '\n');
}

/** A <br> typed at the end of a paragraph ends nothing: it goes. */
function trimBreaks(s: string): string {
  return s.endsWith('>') ? s.replace(/(?:<br\s*\/?>\s*)+$/i, '') : s;
}

/** A single line break in text is a <br> (a line break inside a tag is only a space). */
function lineBreaks(segment: string): string {
  if (!segment.includes('\n')) return segment;
  return segment.replace(/<[^<>]*>|[ \t]*\n[ \t]*/g, (m) => (m[0] === '<' ? m : '<br>\n')).replace(/(<br\s*\/?>)<br>\n/gi, '$1\n');
}
