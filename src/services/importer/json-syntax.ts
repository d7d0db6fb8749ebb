/**
 * Where a text stops being JSON (RFC 8259), for an error message a person can act on. JSON.parse
 * says too little, and differently on each Node version ("Unexpected token < in JSON at position
 * 0" on 20, `Unexpected token '<', "<rss/>" is not valid JSON` on 22, no position at all for some
 * errors), so this walks the grammar itself. Called only once JSON.parse has failed.
 */
export interface JsonSyntaxError {
  /** 1-based, counted in lines ending in \n (a \r\n line counts once). */
  line: number;
  /** 1-based, in characters (code points), as editors count them. */
  column: number;
  reason: string;
}

class Stop {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** A character as it reads in a message: quoted, or named when it cannot be seen. */
function shown(c: string | undefined): string {
  if (c === undefined) return 'the end of the file';
  if (c === '\n' || c === '\r') return 'a line break';
  if (c < ' ' || c === '\u007f') return `the control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return c === '"' ? `'"'` : `"${c}"`;
}

function walk(text: string): void {
  let i = 0;
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = () => {
    const start = i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new Stop(start, 'this string is never closed (a missing ")');
      if (c === '"') return void i++;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) throw new Stop(i, 'a \\u escape needs four hexadecimal digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Stop(i, `${shown(e)} cannot be escaped (write \\\\ for a backslash)`);
      } else if (c < ' ') throw new Stop(i, `${shown(c)} inside a string (write it as \\n, \\t or \\u…)`);
      else i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') return members('}', () => {
      if (text[i] !== '"') throw new Stop(i, `expected a property name in double quotes, found ${shown(text[i])}`);
      string();
      space();
      if (text[i] !== ':') throw new Stop(i, `expected ":" after the property name, found ${shown(text[i])}`);
      i++;
      value();
    });
    if (c === '[') return members(']', value);
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) throw new Stop(i, 'not a valid number');
      i += m[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    throw new Stop(i, `expected a value (an object, array, string, number, true, false or null), found ${shown(c)}`);
  };
  /** An object's members or an array's elements, after the opening bracket. */
  const members = (close: '}' | ']', member: () => void) => {
    const kind = close === '}' ? 'property value' : 'array element';
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      space();
      member();
      space();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') throw new Stop(i, `expected "," or "${close}" after ${kind === 'array element' ? 'an' : 'a'} ${kind}, found ${shown(text[i])}`);
      i++;
      space();
      if (text[i] === close) throw new Stop(i, `a comma before "${close}" (JSON allows no trailing comma)`);
    }
  };
  value();
  space();
  if (i < text.length) throw new Stop(i, `unexpected ${shown(text[i])} after the end of the JSON value`);
}

/** The first syntax error in `text` with its line and column, or null when it is JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    walk(text);
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, e.at);
    const lineStart = before.lastIndexOf('\n') + 1;
    return { line: before.split('\n').length, column: [...before.slice(lineStart)].length + 1, reason: e.reason };
  }
}
