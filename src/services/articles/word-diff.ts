/** One run of a word-level diff: text kept, removed (only in the old) or added (only in the new). */
export interface DiffPart {
  op: 'same' | 'del' | 'ins';
  text: string;
}

/** Words, runs of spaces and single punctuation marks: what a reader sees as changed. */
export function tokenize(s: string): string[] {
  return s.match(/[\p{L}\p{N}\p{M}_]+|\s+|[^\p{L}\p{N}\p{M}_\s]/gu) ?? [];
}

/** Beyond this many edits the texts are shown as wholly replaced (Myers is O(N·D)). */
const MAX_EDITS = 4000;

/**
 * A word-level diff (Myers' O(N·D) algorithm on tokens, after trimming the common head and tail).
 * Works on plain text, so the caller escapes it like any text; direction is the caller's markup.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return;
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += text;
    else ops.push({ op, text });
  };
  push('same', a.slice(0, head).join(''));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  for (const p of myers(midA, midB)) push(p.op, p.text);
  push('same', a.slice(a.length - tail).join(''));
  return ops;
}

function myers(a: string[], b: string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  if (!n && !m) return [];
  if (!n) return [{ op: 'ins', text: b.join('') }];
  if (!m) return [{ op: 'del', text: a.join('') }];
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Too different to be worth aligning: the old text out, the new text in.
  if (!found) return [{ op: 'del', text: a.join('') }, { op: 'ins', text: b.join('') }];
  // Walk back through the saved frontiers to recover the edit script.
  const out: DiffPart[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const pv = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && pv[offset + k - 1]! < pv[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = pv[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: 'same', text: a[x - 1]! });
      x--;
      y--;
    }
    if (x === prevX) out.push({ op: 'ins', text: b[y - 1]! });
    else out.push({ op: 'del', text: a[x - 1]! });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    out.push({ op: 'same', text: a[x - 1]! });
    x--;
    y--;
  }
  return out.reverse();
}
