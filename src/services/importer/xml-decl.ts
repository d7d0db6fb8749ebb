/**
 * The XML declaration, read as saxes reads it (its states, its checks, its wording), so that the
 * import's first pass (xml-scan.ts) reports a faulty declaration as its second pass would.
 */

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/**
 * `<?xml version="1.0" encoding="…" standalone="…"?>` from buf[k] (after the target; the `<` at i):
 * where it ends, or -1 when buf ends first. `fail` reports a fault at a place in buf.
 */
export function readXmlDecl(buf: string, i: number, k: number, fail: (at: number, reason: string) => never): number {
  const len = buf.length;
  let expects = ['version'];
  let state: 'nameStart' | 'name' | 'eq' | 'valueStart' | 'value' | 'separator' | 'ending' = buf.charCodeAt(k) === 0x3f ? 'ending' : 'nameStart';
  let name = '';
  let q = 0;
  let valueFrom = 0;
  const incomplete = 'XML declaration is incomplete.';
  for (let p = k + 1; ; p++) {
    if (p >= len) {
      // A declaration is a line; one that runs on is refused rather than carried without end.
      if (len - i > 64 * 1024) fail(len - 1, incomplete);
      return -1;
    }
    const c = buf.charCodeAt(p);
    switch (state) {
      case 'nameStart':
        if (c === 0x3f) state = 'ending';
        else if (!isSpace(c)) [state, name] = ['name', buf[p]!];
        break;
      case 'name':
        if (c === 0x3f) fail(p, incomplete);
        if (c === 0x3d || isSpace(c)) {
          if (!expects.includes(name)) {
            // saxes chooses its wording by the length of the name it did not expect.
            fail(p, name.length === 0 ? 'did not expect any more name/value pairs.' : name.length === 1 ? `expected the name ${expects[0]}.` : `expected one of ${expects.join(', ')}`);
          }
          state = c === 0x3d ? 'valueStart' : 'eq';
        } else name += buf[p];
        break;
      case 'eq':
        if (c === 0x3f) fail(p, incomplete);
        if (isSpace(c)) break;
        if (c !== 0x3d) fail(p, 'value required.');
        state = 'valueStart';
        break;
      case 'valueStart':
        if (c === 0x3f) fail(p, incomplete);
        if (isSpace(c)) break;
        if (c !== 0x22 && c !== 0x27) fail(p, 'value must be quoted.');
        [state, q, valueFrom] = ['value', c, p + 1];
        break;
      case 'value': {
        if (c === 0x3f) fail(p, incomplete);
        if (c !== q) break;
        const value = buf.slice(valueFrom, p);
        if (name === 'version') {
          if (!/^1\.[0-9]+$/.test(value)) fail(p, 'version number must match /^1\\.[0-9]+$/.');
          expects = ['encoding', 'standalone'];
        } else if (name === 'encoding') {
          if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(value)) fail(p, 'encoding value must match /^[A-Za-z0-9][A-Za-z0-9._-]*$/.');
          expects = ['standalone'];
        } else if (name === 'standalone') {
          if (value !== 'yes' && value !== 'no') fail(p, 'standalone value must match "yes" or "no".');
          expects = [];
        }
        [state, name] = ['separator', ''];
        break;
      }
      case 'separator':
        if (c === 0x3f) state = 'ending';
        else if (!isSpace(c)) fail(p, 'whitespace required.');
        else state = 'nameStart';
        break;
      default:
        if (c !== 0x3e) fail(p, 'The character ? is disallowed anywhere in XML declarations.');
        if (expects.includes('version')) fail(p, 'XML declaration must contain a version.');
        return p + 1;
    }
  }
}
