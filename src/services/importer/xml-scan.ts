/**
 * A streaming XML 1.0 well-formedness checker (with namespaces), written for the import's first
 * pass: saxes reads about 40 MB/s, most of a WordPress export is CDATA bodies, and this skips them
 * with `indexOf(']]>')` instead of a state machine per character. It refuses what saxes refuses,
 * with saxes's wording and its line and column (the character where the fault was seen, columns
 * counted in code points), so the importer's messages do not depend on which pass found the fault.
 * It optionally reports elements and text to a handler (the survey needs a few short fields).
 *
 * Chunks are strings (a UTF-8 decoder's output); a construct cut by a chunk boundary (a tag, an
 * entity, a `]]>`, a surrogate pair, a CR LF) is carried over to the next chunk. Only tags and
 * entities are carried whole; text, CDATA, comments and PIs are consumed as they come, so memory
 * stays within a chunk plus the longest tag.
 */

import { readXmlDecl } from './xml-decl.ts';

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/** An element as the handler sees it: resolved namespace, local name, attributes by their written name. */
export interface XmlTag {
  name: string;
  uri: string;
  local: string;
  attributes: Record<string, string>;
}

export interface XmlHandler {
  open(tag: XmlTag): void;
  close(): void;
  /** Character data and CDATA, entities decoded, line ends normalised; called only while `wantsText`. */
  text(s: string): void;
  readonly wantsText: boolean;
}

export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${line}:${column}: ${reason}`);
    this.name = 'XmlSyntaxError';
  }
}

// XML 1.0 (fifth edition) NameStartChar and NameChar, §2.3.
const START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const REST = `${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
/** A name's bytes: ASCII name characters, or any byte of a multi-byte character (checked when decoded). */
const NAME = /[A-Za-z_:\x80-\xFF][A-Za-z0-9._:\x80-\xFF-]*/y;
const IS_NAME = new RegExp(`^[${START}][${REST}]*$`, 'u');
const IS_NAME_START = new RegExp(`^[${START}]$`, 'u');
const IS_NAME_CHAR = new RegExp(`^[${REST}]$`, 'u');

/** Where the name at buf[at] ends (at itself when none starts there). */
function nameEnd(buf: string, at: number): number {
  NAME.lastIndex = at;
  if (!NAME.test(buf)) return at;
  const end = NAME.lastIndex;
  const raw = buf.slice(at, end);
  if (!NON_ASCII.test(raw)) return end;
  let bytes = 0;
  for (const ch of utf8(raw)) {
    if (!(bytes === 0 ? IS_NAME_START : IS_NAME_CHAR).test(ch)) return at + bytes;
    bytes += Buffer.byteLength(ch);
  }
  return end;
}
const NON_ASCII = /[\x80-\xFF]/;
/**
 * A character XML 1.0 does not allow (§2.2), as UTF-8 bytes: a control, U+FFFE, U+FFFF. (Bytes
 * that are not UTF-8 are read as U+FFFD, as the decoder of the second pass reads them.)
 */
const BAD_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F]|\xEF\xBF[\xBE\xBF]/g;
const CONTINUATION = /[\x80-\xBF]/g;
const SPACES = /[ \t\r\n]*/y;
const NOT_SPACE = /[^ \t\r\n]/;
const TEXT_STOP = /[<&\]]/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
const isChar = (n: number) => n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
const normaliseEol = (s: string) => (s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s);
/** Bytes held one per character (latin1) as the text they encode. */
const utf8 = (s: string) => (NON_ASCII.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s);
const textOf = (s: string) => utf8(normaliseEol(s));

const enum S {
  Text,
  CData,
  Comment,
  Pi,
}

/** Thrown inside `scan` when the buffer ends before the construct at `at` does. */
class Incomplete {
  constructor(readonly at: number) {}
}

interface Open {
  name: string;
  /** Prefix → namespace, inherited through the prototype chain. */
  ns: Record<string, string>;
}

export class XmlScanner {
  private buf = '';
  private state = S.Text;
  private stack: Open[] = [];
  private sawRoot = false;
  private closedRoot = false;
  private sawDoctype = false;
  /** Text other than white space outside the root, reported where it ends. */
  private strayText = false;
  private started = false;
  private ended = false;
  /** The first disallowed character in `buf` (or Infinity). */
  private badAt = Infinity;
  // The position of buf[0]: line (1-based) and column (code points already on that line).
  private line = 1;
  private column = 0;
  private afterCR = false;
  /** Characters before the first `<` of the document: only then may an XML declaration come. */
  private atStart = true;
  private readonly topNs: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, { xml: XML_NAMESPACE, xmlns: XMLNS_NAMESPACE });

  constructor(private readonly handler: XmlHandler | null = null) {}

  /**
   * Whether what was written ends between two constructs inside `depth` open elements, nothing
   * carried over (where a document can be cut and the rest scanned apart: see surveyWxr).
   */
  between(depth: number): boolean {
    return this.state === S.Text && this.buf === '' && !this.afterCR && this.stack.length === depth;
  }

  /** The line (1-based) and column (code points before it on its line) of the next character. */
  get position(): { line: number; column: number } {
    return { line: this.line, column: this.column };
  }

  /** Bytes of UTF-8, cut anywhere. */
  write(chunk: Uint8Array): void {
    if (this.ended) throw new Error('write after end');
    // One character a byte: indexOf and regular expressions run over one-byte strings, and nothing is decoded but what the handler asks for.
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    let buf = this.buf.length ? this.buf + bytes : bytes;
    if (!this.started) {
      if (buf.length < 3 && '\xEF\xBB\xBF'.startsWith(buf)) {
        this.buf = buf;
        return;
      }
      this.started = true;
      if (buf.startsWith('\xEF\xBB\xBF')) buf = buf.slice(3); // a byte-order mark is not part of the document
    }
    this.buf = buf;
    this.run(false);
  }

  end(): void {
    this.run(true);
    this.ended = true;
    if (this.strayText) this.failAtEnd('text data outside of root node.');
    if (!this.sawRoot) this.failAtEnd('document must contain a root element.');
    const open = this.stack[this.stack.length - 1];
    if (open) this.failAtEnd(`unclosed tag: ${open.name}`);
    if (this.state !== S.Text || this.buf.length) this.failAtEnd('unexpected end.');
  }

  private run(final: boolean): void {
    const buf = this.buf;
    let limit = buf.length;
    // The start of a character whose other bytes are in the next chunk waits for them.
    if (!final) {
      for (let k = limit - 1; k >= 0 && k >= limit - 3; k--) {
        const c = buf.charCodeAt(k);
        if (c < 0x80) break;
        if (c >= 0xc0) {
          if (limit - k < (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2)) limit = k;
          break;
        }
      }
    }
    const b = limit === buf.length ? buf : buf.slice(0, limit);
    BAD_CHAR.lastIndex = 0;
    const bad = BAD_CHAR.exec(b);
    this.badAt = bad ? bad.index : Infinity;
    const done = this.scan(b, final);
    // At the end, saxes has read every character, even those of an unfinished construct.
    if (this.badAt < (final ? b.length : done)) this.failAt(b, this.badAt, 'disallowed character.');
    this.advance(buf, done);
    this.buf = done === 0 ? buf : buf.slice(done);
  }

  /** Moves the tracked position over buf[0..to). */
  private advance(buf: string, to: number): void {
    let from = 0;
    if (this.afterCR && to > 0 && buf.charCodeAt(0) === 0x0a) from = 1;
    let lastNl = -1;
    for (let i = buf.indexOf('\n', from); i !== -1 && i < to; i = buf.indexOf('\n', i + 1)) {
      if (i === 0 || buf.charCodeAt(i - 1) !== 0x0d) this.line++;
      lastNl = i;
    }
    for (let i = buf.indexOf('\r', from); i !== -1 && i < to; i = buf.indexOf('\r', i + 1)) {
      this.line++;
      if (i > lastNl) lastNl = i;
    }
    if (lastNl >= 0) this.column = 0;
    const tailFrom = Math.max(lastNl + 1, from);
    if (to > tailFrom) {
      const tail = buf.slice(tailFrom, to);
      // Columns count characters: every byte but UTF-8's continuation bytes.
      this.column += tail.length - (tail.match(CONTINUATION)?.length ?? 0);
    }
    if (to > 0) this.afterCR = buf.charCodeAt(to - 1) === 0x0d;
  }

  /** The fault at buf[at], unless a disallowed character comes first (saxes reads a character before it looks at it). */
  private failAt(buf: string, at: number, reason: string): never {
    if (this.badAt <= at) {
      at = this.badAt;
      reason = 'disallowed character.';
    }
    const saved = [this.line, this.column, this.afterCR] as const;
    this.advance(buf, Math.min(at + 1, buf.length));
    const [line, column] = [this.line, this.column];
    [this.line, this.column, this.afterCR] = saved;
    throw new XmlSyntaxError(reason, line, column);
  }

  private failAtEnd(reason: string): never {
    this.advance(this.buf, this.buf.length);
    throw new XmlSyntaxError(reason, this.line, this.column);
  }

  /** Consumes buf from 0; returns how far it got (the rest is carried over). */
  private scan(buf: string, final: boolean): number {
    const len = buf.length;
    let i = 0;
    const h = this.handler;
    while (i < len) {
      switch (this.state) {
        case S.CData: {
          const end = buf.indexOf(']]>', i);
          let stop = end === -1 ? Math.max(i, len - (final ? 0 : 2)) : end;
          // A CR stays with what follows it: CR LF is one line end.
          if (end === -1 && !final && stop > i && buf.charCodeAt(stop - 1) === 0x0d) stop--;
          while (end === -1 && stop > i && stop < len && (buf.charCodeAt(stop) & 0xc0) === 0x80) stop--;
          if (h !== null && h.wantsText && stop > i) h.text(textOf(buf.slice(i, stop)));
          if (end === -1) return stop;
          i = end + 3;
          this.state = S.Text;
          break;
        }
        case S.Comment: {
          const dash = buf.indexOf('--', i);
          if (dash === -1) return Math.max(i, len - 1);
          if (dash + 2 >= len) return dash;
          if (buf.charCodeAt(dash + 2) !== 0x3e) this.failAt(buf, dash + 2, 'malformed comment.');
          i = dash + 3;
          this.state = S.Text;
          break;
        }
        case S.Pi: {
          const q = buf.indexOf('?>', i);
          if (q === -1) return Math.max(i, len - 1);
          i = q + 2;
          this.state = S.Text;
          break;
        }
        default:
          i = this.stack.length ? this.textInRoot(buf, i, final) : this.textOutside(buf, i);
          if (i < 0) return -i - 1;
          if (i >= len) return len;
          try {
            i = this.markup(buf, i);
          } catch (e) {
            if (e instanceof Incomplete) return e.at;
            throw e;
          }
      }
    }
    return len;
  }

  /** Character data inside the root, up to a `<` (returned) or the end (returned as -(end)-1). */
  private textInRoot(buf: string, i: number, final: boolean): number {
    const h = this.handler;
    const len = buf.length;
    let start = i;
    TEXT_STOP.lastIndex = i;
    for (;;) {
      const m = TEXT_STOP.exec(buf);
      const at = m ? m.index : len;
      const c = m ? buf.charCodeAt(at) : 0;
      if (c === 0x5d) {
        // `]]>` must not appear in character data (§2.4).
        if (at + 2 >= len && !final) {
          if (h !== null && h.wantsText && at > start) h.text(textOf(buf.slice(start, at)));
          return -at - 1;
        }
        if (buf.charCodeAt(at + 1) === 0x5d && buf.charCodeAt(at + 2) === 0x3e) this.failAt(buf, at + 2, 'the string "]]>" is disallowed in char data.');
        continue;
      }
      if (!m) {
        // Keep a trailing CR: an LF may follow in the next chunk.
        const stop = !final && buf.charCodeAt(len - 1) === 0x0d ? len - 1 : len;
        if (h !== null && h.wantsText && stop > start) h.text(textOf(buf.slice(start, stop)));
        return -stop - 1;
      }
      if (h !== null && h.wantsText && at > start) h.text(textOf(buf.slice(start, at)));
      if (c === 0x3c) return at;
      // An entity: decoded if wanted, checked either way.
      let end: number;
      let value: string;
      try {
        [value, end] = this.entity(buf, at);
      } catch (e) {
        // At the end, what is left over is reported by end(), after any unclosed tag.
        if (e instanceof Incomplete) return -e.at - 1;
        throw e;
      }
      if (h !== null && h.wantsText) h.text(value);
      start = end;
      TEXT_STOP.lastIndex = end;
    }
  }

  /** Before or after the root: only white space. */
  private textOutside(buf: string, i: number): number {
    const lt = buf.indexOf('<', i);
    const stop = lt === -1 ? buf.length : lt;
    // Reported where the run of text ends, as saxes does, or at an ampersand, where saxes stops.
    const amp = buf.indexOf('&', i);
    if (amp !== -1 && amp < stop) this.failAt(buf, amp, 'text data outside of root node.');
    if (!this.strayText && NOT_SPACE.test(buf.slice(i, stop))) this.strayText = true;
    if (this.strayText && lt !== -1) this.failAt(buf, lt, 'text data outside of root node.');
    if (stop > i) this.atStart = false;
    return lt === -1 ? -stop - 1 : lt;
  }

  /** An entity reference at buf[at] (`&`): its value and where it ends. */
  private entity(buf: string, at: number): [string, number] {
    const len = buf.length;
    const j = at + 1;
    if (j >= len) throw new Incomplete(at);
    if (buf.charCodeAt(j) === 0x3b) this.failAt(buf, j, 'empty entity name.');
    if (buf.charCodeAt(j) === 0x23) {
      const m = /#(?:x([0-9A-Fa-f]*)|([0-9]*))/y;
      m.lastIndex = j;
      const r = m.exec(buf)!; // it matches at least the #
      const k = m.lastIndex;
      if (k >= len) throw new Incomplete(at);
      const digits = r[1] ?? r[2]!;
      if (digits === '' || buf.charCodeAt(k) !== 0x3b) this.failAt(buf, this.nextSemicolon(buf, k, at), 'malformed character entity.');
      const n = r[1] !== undefined ? Number.parseInt(digits, 16) : Number.parseInt(digits, 10);
      if (!isChar(n)) this.failAt(buf, k, 'malformed character entity.');
      return [String.fromCodePoint(n), k + 1];
    }
    const k = nameEnd(buf, j);
    if (k >= len) throw new Incomplete(at);
    if (k === j || buf.charCodeAt(k) !== 0x3b) this.failAt(buf, this.nextSemicolon(buf, k, at), 'disallowed character in entity name.');
    const name = buf.slice(j, k);
    // With namespaces, an entity's name has no colon.
    if (name.includes(':')) this.failAt(buf, k, 'disallowed character in entity name.');
    const value = PREDEFINED[name];
    if (value === undefined) this.failAt(buf, k, 'undefined entity.');
    return [value, k + 1];
  }

  /** saxes reads an entity up to its `;` whatever comes between: it reports the fault there. */
  private nextSemicolon(buf: string, from: number, entityAt: number): number {
    const k = buf.indexOf(';', from);
    if (k === -1) throw new Incomplete(entityAt);
    return k;
  }

  /** Markup at buf[i] (`<`): returns the index after it. */
  private markup(buf: string, i: number): number {
    const len = buf.length;
    if (i + 1 >= len) throw new Incomplete(i);
    const c = buf.charCodeAt(i + 1);
    const next = c === 0x2f ? this.closeTag(buf, i) : c === 0x21 ? this.bang(buf, i) : c === 0x3f ? this.pi(buf, i, this.atStart) : this.openTag(buf, i);
    this.atStart = false;
    return next;
  }

  private bang(buf: string, i: number): number {
    const len = buf.length;
    const rest = buf.slice(i + 2, i + 9);
    if (rest.startsWith('--')) {
      this.state = S.Comment;
      return i + 4;
    }
    if (rest.startsWith('[CDATA[')) {
      if (!this.stack.length) this.failAt(buf, i + 8, 'text data outside of root node.');
      this.state = S.CData;
      return i + 9;
    }
    if (rest === 'DOCTYPE') {
      if (this.sawDoctype || this.sawRoot) this.failAt(buf, i + 8, 'inappropriately located doctype declaration.');
      // MUST be set only once the whole DOCTYPE is here: a DOCTYPE cut by a chunk is read again.
      const end = this.doctype(buf, i + 9);
      this.sawDoctype = true;
      return end;
    }
    // saxes gives up once it has read seven UTF-16 units (CR LF as one): the fault is at the last character read.
    let at = i + 1;
    for (let units = 0; units < 7; ) {
      at += buf.charCodeAt(at) === 0x0d && buf.charCodeAt(at + 1) === 0x0a ? 2 : 1;
      while ((buf.charCodeAt(at) & 0xc0) === 0x80) at++;
      if (at >= len) throw new Incomplete(i);
      units += buf.charCodeAt(at) >= 0xf0 ? 2 : 1;
    }
    this.failAt(buf, at, 'incorrect syntax.');
  }

  /** Skips a DOCTYPE (and its internal subset) as saxes does: quotes, brackets, comments, PIs. */
  private doctype(buf: string, i: number): number {
    const len = buf.length;
    let inSubset = false;
    for (let k = i; k < len; k++) {
      const c = buf.charCodeAt(k);
      if (c === 0x22 || c === 0x27) {
        const q = buf.indexOf(c === 0x22 ? '"' : "'", k + 1);
        if (q === -1) break;
        k = q;
      } else if (!inSubset && c === 0x5b) inSubset = true;
      else if (inSubset && c === 0x5d) inSubset = false;
      else if (!inSubset && c === 0x3e) return k + 1;
      else if (inSubset && c === 0x3c && buf.startsWith('<!--', k)) {
        const e = buf.indexOf('-->', k + 4);
        if (e === -1) break;
        k = e + 2;
      } else if (inSubset && c === 0x3c && buf.charCodeAt(k + 1) === 0x3f) {
        const e = buf.indexOf('?>', k + 2);
        if (e === -1) break;
        k = e + 1;
      }
    }
    throw new Incomplete(i - 9);
  }

  private pi(buf: string, i: number, declPossible: boolean): number {
    const len = buf.length;
    const t = i + 2;
    if (t >= len) throw new Incomplete(i);
    // With namespaces, a target is a name without a colon (saxes checks it so).
    let k = nameEnd(buf, t);
    const colon = buf.indexOf(':', t);
    if (colon !== -1 && colon < k) k = colon;
    if (k === t) {
      const c = buf.charCodeAt(t);
      this.failAt(buf, t, c === 0x3f || isSpace(c) ? 'processing instruction without a target.' : 'disallowed character in processing instruction name.');
    }
    if (k >= len) throw new Incomplete(i);
    const c = buf.charCodeAt(k);
    if (c !== 0x3f && !isSpace(c)) this.failAt(buf, k, 'disallowed character in processing instruction name.');
    const target = buf.slice(t, k);
    if (target === 'xml') {
      if (!declPossible) this.failAt(buf, k, 'an XML declaration must be at the start of the document.');
      return this.xmlDecl(buf, i, k);
    }
    const end = buf.indexOf('?>', k);
    if (target.toLowerCase() === 'xml') {
      if (end === -1) throw new Incomplete(i);
      this.failAt(buf, end + 1, 'the XML declaration must appear at the start of the document.');
    }
    if (end === -1) {
      this.state = S.Pi;
      return k;
    }
    return end + 2;
  }

  private xmlDecl(buf: string, i: number, k: number): number {
    const end = readXmlDecl(buf, i, k, (at, reason) => this.failAt(buf, at, reason));
    if (end === -1) throw new Incomplete(i);
    return end;
  }

  private closeTag(buf: string, i: number): number {
    const len = buf.length;
    const n = i + 2;
    let k = nameEnd(buf, n);
    if (k >= len) throw new Incomplete(i);
    const name = utf8(buf.slice(n, k));
    if (k === n && buf.charCodeAt(k) === 0x3e) this.failAt(buf, k, 'weird empty close tag.');
    SPACES.lastIndex = k;
    SPACES.exec(buf);
    const sp = SPACES.lastIndex;
    if (sp >= len) throw new Incomplete(i);
    if (buf.charCodeAt(sp) !== 0x3e) this.failAt(buf, sp > k ? sp : k, 'disallowed character in closing tag.');
    k = sp;
    const top = this.stack[this.stack.length - 1];
    if (!top) this.failAt(buf, k, `unmatched closing tag: ${name}.`);
    if (top.name !== name) this.failAt(buf, k, 'unexpected close tag.');
    this.stack.pop();
    if (!this.stack.length) this.closedRoot = true;
    this.handler?.close();
    return k + 1;
  }

  private openTag(buf: string, i: number): number {
    const len = buf.length;
    let k = nameEnd(buf, i + 1);
    if (k === i + 1) this.failAt(buf, i + 1, 'disallowed character in tag name');
    const name = utf8(buf.slice(i + 1, k));
    if (k >= len) throw new Incomplete(i);
    if (this.closedRoot) this.failAt(buf, k, 'documents may contain only one root.');
    // As saxes, once a start tag's name is read (safe to set again when a cut tag is read again).
    this.sawRoot = true;
    let c = buf.charCodeAt(k);
    if (c !== 0x3e && c !== 0x2f && !isSpace(c)) this.failAt(buf, k, 'disallowed character in tag name.');
    const parent = this.stack[this.stack.length - 1];
    let ns = parent ? parent.ns : this.topNs;
    let attrs: [string, string, number][] | null = null;
    let selfClosing = false;
    for (;;) {
      SPACES.lastIndex = k;
      SPACES.exec(buf);
      const sawSpace = SPACES.lastIndex > k;
      k = SPACES.lastIndex;
      if (k >= len) throw new Incomplete(i);
      c = buf.charCodeAt(k);
      if (c === 0x3e) break;
      if (c === 0x2f) {
        if (k + 1 >= len) throw new Incomplete(i);
        if (buf.charCodeAt(k + 1) !== 0x3e) this.failAt(buf, k + 1, 'forward-slash in opening tag not followed by >.');
        selfClosing = true;
        k++;
        break;
      }
      const anEnd = nameEnd(buf, k);
      if (anEnd === k) this.failAt(buf, k, 'disallowed character in attribute name.');
      if (!sawSpace) this.failAt(buf, k, 'no whitespace between attributes.');
      const aname = utf8(buf.slice(k, anEnd));
      k = anEnd;
      SPACES.lastIndex = k;
      SPACES.exec(buf);
      const eq = SPACES.lastIndex;
      if (eq >= len) throw new Incomplete(i);
      if (buf.charCodeAt(eq) !== 0x3d) {
        if (eq === k && buf.charCodeAt(eq) !== 0x3e) this.failAt(buf, eq, 'disallowed character in attribute name.');
        this.failAt(buf, eq, 'attribute without value.');
      }
      SPACES.lastIndex = eq + 1;
      SPACES.exec(buf);
      const qAt = SPACES.lastIndex;
      if (qAt >= len) throw new Incomplete(i);
      const q = buf.charCodeAt(qAt);
      if (q !== 0x22 && q !== 0x27) this.failAt(buf, qAt, 'unquoted attribute value.');
      const close = buf.indexOf(q === 0x22 ? '"' : "'", qAt + 1);
      if (close === -1) {
        // Its faults so far (a `<`, an entity) come before whatever the next chunk holds.
        this.attrValue(buf, qAt + 1, len, i);
        throw new Incomplete(i);
      }
      const value = this.attrValue(buf, qAt + 1, close, i);
      this.qname(buf, aname, close);
      if (aname.startsWith('xmlns') && (aname.length === 5 || aname.charCodeAt(5) === 0x3a)) {
        const prefix = aname.length === 5 ? '' : aname.slice(6);
        const uri = value.trim();
        if (prefix !== '' && uri === '') this.failAt(buf, close, 'invalid attempt to undefine prefix in XML 1.0');
        if (ns === (parent ? parent.ns : this.topNs)) ns = Object.create(ns) as Record<string, string>;
        ns[prefix] = uri;
        this.nsPairCheck(buf, close, prefix, uri);
      }
      (attrs ??= []).push([aname, value, close]);
      k = close + 1;
      if (k >= len) throw new Incomplete(i);
      c = buf.charCodeAt(k);
      if (c !== 0x3e && c !== 0x2f && !isSpace(c) && nameEnd(buf, k) === k) this.failAt(buf, k, 'disallowed character in attribute name.');
    }
    // k is at the closing `>`: saxes checks names and namespaces there.
    const colon = name.indexOf(':');
    const prefix = colon === -1 ? '' : name.slice(0, colon);
    const local = colon === -1 ? name : name.slice(colon + 1);
    this.qname(buf, name, k);
    const uri = ns[prefix] ?? '';
    if (prefix !== '') {
      if (prefix === 'xmlns') this.failAt(buf, k, 'tags may not have "xmlns" as prefix.');
      if (uri === '') this.failAt(buf, k, `unbound namespace prefix: ${JSON.stringify(prefix)}.`);
    }
    let attributes: Record<string, string> | null = null;
    if (attrs) {
      const seen: string[] = [];
      for (const [an] of attrs) {
        const ac = an.indexOf(':');
        let eq = an;
        if (ac !== -1) {
          const ap = an.slice(0, ac);
          const auri = ns[ap];
          if (auri === undefined) this.failAt(buf, k, `unbound namespace prefix: ${JSON.stringify(ap)}.`);
          eq = `{${auri}}${an.slice(ac + 1)}`;
        }
        if (seen.includes(eq)) this.failAt(buf, k, `duplicate attribute: ${eq}.`);
        seen.push(eq);
      }
      if (this.handler) {
        attributes = Object.create(null) as Record<string, string>;
        for (const [an, v] of attrs) attributes[an] = v;
      }
    }
    this.sawRoot = true;
    const h = this.handler;
    if (h) h.open({ name, uri, local, attributes: attributes ?? {} });
    if (selfClosing) {
      if (!this.stack.length) this.closedRoot = true;
      h?.close();
    } else {
      this.stack.push({ name, ns });
    }
    return k + 1;
  }

  /** An attribute value between its quotes: entities decoded, white space normalised (§3.3.3). */
  private attrValue(buf: string, from: number, to: number, tagAt: number): string {
    let out = '';
    let p = from;
    for (;;) {
      const amp = buf.indexOf('&', p);
      const stop = amp === -1 || amp > to ? to : amp;
      const lt = buf.indexOf('<', p);
      if (lt !== -1 && lt < stop) this.failAt(buf, lt, 'disallowed character.');
      out += utf8(buf.slice(p, stop));
      if (stop === to) break;
      let value: string;
      try {
        [value, p] = this.entity(buf, amp);
      } catch (e) {
        if (e instanceof Incomplete) throw new Incomplete(tagAt);
        throw e;
      }
      out += value;
    }
    return out.replace(/\r\n|[\t\n\r]/g, ' ');
  }

  private qname(buf: string, name: string, at: number): void {
    const colon = name.indexOf(':');
    if (colon === -1) return;
    if (colon === 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) !== -1) this.failAt(buf, at, `malformed name: ${name}.`);
  }

  private nsPairCheck(buf: string, at: number, prefix: string, uri: string): void {
    if (prefix === 'xml' && uri !== XML_NAMESPACE) this.failAt(buf, at, `xml prefix must be bound to ${XML_NAMESPACE}.`);
    if (prefix === 'xmlns' && uri !== XMLNS_NAMESPACE) this.failAt(buf, at, `xmlns prefix must be bound to ${XMLNS_NAMESPACE}.`);
    if (uri === XMLNS_NAMESPACE) this.failAt(buf, at, prefix === '' ? `the default namespace may not be set to ${uri}.` : `may not assign a prefix (even "xmlns") to the URI ${XMLNS_NAMESPACE}.`);
    if (uri === XML_NAMESPACE && prefix !== 'xml') this.failAt(buf, at, prefix === '' ? `the default namespace may not be set to ${uri}.` : 'may not assign the xml namespace to another prefix.');
  }
}

/** Whether `s` is an XML Name (tests use it). */
export const isXmlName = (s: string): boolean => IS_NAME.test(s);
