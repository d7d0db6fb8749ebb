/**
 * The import's second reading of an export that its first pass (xml-scan.ts) found well-formed:
 * elements, attributes and text only, found with indexOf, bodies' CDATA copied out whole. No
 * character is checked again. saxes, which checks every one, was a third of the CPU of the
 * thread that prepares the posts — the thread the import waits for.
 *
 * It gives a handler what the scanner gives it (and saxes gave the reader): text and CDATA with
 * line ends normalised and references decoded, attributes by their written name with their
 * values normalised, element names resolved against their namespaces. What a well-formed
 * document cannot hold (an end tag that closes nothing, an end inside a construct) throws an
 * XmlSyntaxError at its line and column: the file changed after it was checked.
 *
 * Chunks are strings (a UTF-8 decoder's output), cut anywhere: a markup construct cut by a chunk
 * boundary is read again whole with the next chunk; text and CDATA are handed over as they come.
 */

import { type XmlHandler, XML_NAMESPACE, XMLNS_NAMESPACE, XmlSyntaxError } from './xml-scan.ts';

interface Open {
  name: string;
  ns: Record<string, string>;
}

const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeReference = (_: string, hex: string | undefined, dec: string | undefined, name: string | undefined): string =>
  name ? PREDEFINED[name]! : String.fromCodePoint(hex ? Number.parseInt(hex, 16) : Number(dec));
const decode = (s: string): string => (s.includes('&') ? s.replace(REFERENCE, decodeReference) : s);
const normaliseEol = (s: string): string => (s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s);
/** A tag's name or an attribute's, up to what ends it. */
const NAME = /[^\s/>=]+/y;
const SPACES = /[ \t\r\n]*/y;

export class XmlReader {
  private buf = '';
  private started = false;
  /** Inside a CDATA section cut by a chunk boundary. */
  private inCData = false;
  private readonly stack: Open[] = [];
  /** Line feeds before buf[0]: a fault is named by its line (and column) as the first pass names them. */
  private lines = 0;
  /** Characters after the last line feed before buf[0]. */
  private column = 0;
  private readonly topNs: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, { xml: XML_NAMESPACE, xmlns: XMLNS_NAMESPACE });

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    let buf = this.buf.length ? this.buf + chunk : chunk;
    if (!this.started) {
      if (!buf.length) return;
      this.started = true;
      if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1); // a byte-order mark is not part of the document
    }
    this.buf = buf;
    const done = this.run(buf, false);
    let last = -1;
    for (let k = buf.indexOf('\n'); k !== -1 && k < done; k = buf.indexOf('\n', k + 1)) {
      this.lines++;
      last = k;
    }
    this.column = last === -1 ? this.column + done : done - last - 1;
    this.buf = done === 0 ? buf : buf.slice(done);
  }

  end(): void {
    const buf = this.buf;
    if (this.run(buf, true) < buf.length || this.inCData) this.changed(buf.length, 'the file ends inside a construct');
    if (this.stack.length) this.changed(buf.length, `<${this.stack[this.stack.length - 1]!.name}> is not closed`);
    this.buf = '';
  }

  /** What a well-formed document cannot hold, at buf[at]: the file changed after it was checked. */
  private changed(at: number, what: string): never {
    const buf = this.buf;
    let line = this.lines + 1;
    for (let k = buf.indexOf('\n'); k !== -1 && k < at; k = buf.indexOf('\n', k + 1)) line++;
    const nl = buf.lastIndexOf('\n', at - 1);
    const column = nl === -1 ? this.column + at + 1 : at - nl;
    throw new XmlSyntaxError(`${what}: the file was changed after it was checked`, line, column);
  }

  /** Reads what `buf` holds whole; returns where the rest (a construct cut by the chunk's end) starts. */
  private run(buf: string, final: boolean): number {
    const n = buf.length;
    let i = 0;
    while (i < n) {
      if (this.inCData) {
        const end = buf.indexOf(']]>', i);
        if (end === -1) {
          // Up to the two characters that may begin the `]]>` and a CR whose LF may come next.
          const upto = this.heldBack(buf, Math.max(i, n - 2));
          if (upto > i) this.cdata(buf, i, upto);
          return upto;
        }
        if (end > i) this.cdata(buf, i, end);
        this.inCData = false;
        i = end + 3;
        continue;
      }
      const lt = buf.indexOf('<', i);
      if (lt === -1) {
        // A reference or a CR cut by the chunk's end waits for the rest of it.
        let upto = n;
        if (!final) {
          const amp = buf.lastIndexOf('&', n - 1);
          if (amp >= i && buf.indexOf(';', amp) === -1) upto = amp;
          upto = this.heldBack(buf, upto);
        }
        if (upto > i) this.text(buf, i, upto);
        return upto;
      }
      if (lt > i) this.text(buf, i, lt);
      const next = this.markup(buf, lt);
      if (next === -1) return lt; // cut: read again with the next chunk
      i = next;
    }
    return n;
  }

  /** `upto`, or one less when a CR ends there (its LF may be the next chunk's first character). */
  private heldBack(buf: string, upto: number): number {
    return upto > 0 && buf.charCodeAt(upto - 1) === 0x0d ? upto - 1 : upto;
  }

  private text(buf: string, from: number, to: number): void {
    if (this.handler.wantsText) this.handler.text(decode(normaliseEol(buf.slice(from, to))));
  }

  /** A CDATA section's characters are what they are: no reference in it is one. */
  private cdata(buf: string, from: number, to: number): void {
    if (this.handler.wantsText) this.handler.text(normaliseEol(buf.slice(from, to)));
  }

  /** The construct at buf[lt] (a `<`): where it ends, or -1 when the buffer ends first. */
  private markup(buf: string, lt: number): number {
    const c = buf.charCodeAt(lt + 1);
    if (Number.isNaN(c)) return -1;
    if (c === 0x2f) return this.endTag(buf, lt); // </
    if (c === 0x3f) return this.past(buf, '?>', lt + 2); // a processing instruction, the XML declaration
    if (c === 0x21) {
      if (buf.startsWith('<![CDATA[', lt)) {
        this.inCData = true;
        return lt + 9;
      }
      if (buf.startsWith('<!--', lt)) return this.past(buf, '-->', lt + 4);
      if (lt + 9 > buf.length) return -1; // `<![CDATA[`, `<!--` or `<!DOCTYPE`, cut
      return this.doctype(buf, lt);
    }
    return this.startTag(buf, lt);
  }

  private past(buf: string, end: string, from: number): number {
    const at = buf.indexOf(end, from);
    return at === -1 ? -1 : at + end.length;
  }

  /** `<!DOCTYPE …>`, its internal subset (between brackets; quoted strings, comments and PIs aside) included. */
  private doctype(buf: string, lt: number): number {
    let quote = 0;
    let depth = 0;
    for (let k = lt + 9; k < buf.length; k++) {
      const c = buf.charCodeAt(k);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x5b) depth++;
      else if (c === 0x5d) depth--;
      else if (c === 0x3e && depth <= 0) return k + 1;
      else if (c === 0x3c && depth > 0) {
        const end = buf.startsWith('<!--', k) ? this.past(buf, '-->', k + 4) : buf.startsWith('<?', k) ? this.past(buf, '?>', k + 2) : k + 1;
        if (end === -1 || k + 4 > buf.length) return -1;
        k = end - 1;
      }
    }
    return -1;
  }

  private endTag(buf: string, lt: number): number {
    const gt = buf.indexOf('>', lt + 2);
    if (gt === -1) return -1;
    const name = buf.slice(lt + 2, gt).trimEnd();
    const open = this.stack.pop();
    if (open?.name !== name) this.changed(lt, `</${name}> where ${open ? `</${open.name}>` : 'nothing'} was expected`);
    this.handler.close();
    return gt + 1;
  }

  private startTag(buf: string, lt: number): number {
    const n = buf.length;
    NAME.lastIndex = lt + 1;
    if (!NAME.test(buf)) this.changed(lt, 'a tag without a name');
    let k = NAME.lastIndex;
    if (k >= n) return -1;
    const name = buf.slice(lt + 1, k);
    const parent = this.stack[this.stack.length - 1];
    let ns = parent ? parent.ns : this.topNs;
    let attributes: Record<string, string> | null = null;
    let selfClosing = false;
    for (;;) {
      SPACES.lastIndex = k;
      SPACES.test(buf);
      k = SPACES.lastIndex;
      if (k >= n) return -1;
      const c = buf.charCodeAt(k);
      if (c === 0x3e) break;
      if (c === 0x2f) {
        if (k + 1 >= n) return -1;
        selfClosing = true;
        k++;
        break;
      }
      NAME.lastIndex = k;
      if (!NAME.test(buf)) this.changed(k, `an attribute without a name in <${name}>`);
      const aname = buf.slice(k, NAME.lastIndex);
      SPACES.lastIndex = NAME.lastIndex;
      SPACES.test(buf);
      if (SPACES.lastIndex >= n) return -1;
      SPACES.lastIndex += 1; // past the `=`
      SPACES.test(buf);
      const q = SPACES.lastIndex;
      if (q >= n) return -1;
      const close = buf.indexOf(buf[q]!, q + 1);
      if (close === -1) return -1;
      // As saxes: white space made spaces, then references decoded (&#10; stays a line feed).
      const value = decode(buf.slice(q + 1, close).replace(/\r\n|[\t\n\r]/g, ' '));
      if (aname.startsWith('xmlns') && (aname.length === 5 || aname.charCodeAt(5) === 0x3a)) {
        if (ns === (parent ? parent.ns : this.topNs)) ns = Object.create(ns) as Record<string, string>;
        ns[aname.length === 5 ? '' : aname.slice(6)] = value.trim();
      }
      (attributes ??= Object.create(null) as Record<string, string>)[aname] = value;
      k = close + 1;
    }
    const colon = name.indexOf(':');
    const local = colon === -1 ? name : name.slice(colon + 1);
    const uri = ns[colon === -1 ? '' : name.slice(0, colon)] ?? '';
    this.handler.open({ name, uri, local, attributes: attributes ?? {} });
    if (selfClosing) this.handler.close();
    else this.stack.push({ name, ns });
    return k + 1;
  }
}
