import { type Static, Type } from '@fastify/type-provider-typebox';
import { Invalid, type Problem } from '../../domain/errors.ts';
import { instantFromZoned } from '../../platform/dates/format.ts';

/**
 * WordPress's query parameters as the API declares them: each one string, or several (`a=1&a=2`,
 * and `a[]=1&a[]=2` as clients such as `wpapi` send lists). Meaning is checked by `WpQuery`, so
 * every refusal names its parameter, as WordPress's `rest_invalid_param` does.
 */
const value = Type.Union([Type.String(), Type.Array(Type.String())]);
export const WpQuerystring = Type.Record(Type.String(), value);
export const WpPathParams = Type.Object({ edition: Type.Optional(Type.String()), '*': Type.Optional(Type.String()) });
/** A comment as a REST client posts it (JSON or a form); each field checked by the comment rules. */
export const WpCommentBody = Type.Object(
  {
    post: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
    parent: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
    author_name: Type.Optional(Type.String()),
    author_email: Type.Optional(Type.String()),
    author_url: Type.Optional(Type.String()),
    content: Type.Optional(Type.Union([Type.String(), Type.Object({ raw: Type.Optional(Type.String()) })])),
  },
  { additionalProperties: true },
);

export type RawQuery = Record<string, string | string[]>;

/** Every parameter some endpoint reads; others are ignored, as WordPress ignores them. */
const KNOWN = new Set([
  'page', 'per_page', 'search', 'slug', 'include', 'exclude', 'categories', 'tags', 'categories_exclude', 'tags_exclude', 'author', 'parent', 'after', 'before',
  'orderby', 'order', '_embed', '_fields', 'context', 'status', 'post', 'hide_empty', 'media_type', 'type', 'subtype',
  'roles', 'capabilities', 'who', 'author_email',
]);

/**
 * The query string reduced to the parameters that mean something, in a fixed order: the key of a
 * kept answer and the base of its paging links. A client's cache-buster (`?_=123`) or any other
 * unknown name neither makes a new entry nor leaks into another client's links.
 */
export function canonicalQuery(raw: string): string {
  const kept = [...new URLSearchParams(raw)].filter(([k]) => KNOWN.has(k.replace(/\[\d*\]$/, '')));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(kept).toString();
}
export type WpCommentInput = Static<typeof WpCommentBody>;

const INTEGER = /^\s*\d{1,9}\s*$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** The parameters of one request, read one by one; every problem is kept and thrown at once by `done`. */
export class WpQuery {
  private readonly q = new Map<string, string[]>();
  private readonly problems: Problem[] = [];

  constructor(raw: RawQuery) {
    for (const [k, v] of Object.entries(raw)) {
      const name = k.replace(/\[\d*\]$/, '');
      this.q.set(name, [...(this.q.get(name) ?? []), ...(Array.isArray(v) ? v : [v])]);
    }
  }

  has(name: string): boolean {
    return this.q.has(name);
  }

  /** One value (the last given, as PHP reads a repeated parameter). */
  text(name: string): string | undefined {
    const v = this.q.get(name);
    return v?.[v.length - 1];
  }

  /** A list: repeated, bracketed or comma-separated (WordPress takes all three). */
  list(name: string): string[] | undefined {
    const v = this.q.get(name);
    return v && v.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    const v = this.text(name);
    if (v === undefined) return fallback;
    const n = INTEGER.test(v) ? Number(v) : NaN;
    if (!(n >= min && n <= max)) {
      this.problems.push({ field: name, code: 'number', params: { min, max } });
      return fallback;
    }
    return n;
  }

  /** A list of ids; absent → undefined. */
  ids(name: string): number[] | undefined {
    const v = this.list(name);
    if (v === undefined) return undefined;
    if (!v.every((x) => INTEGER.test(x))) {
      this.problems.push({ field: name, code: 'integer_list' });
      return undefined;
    }
    return v.map(Number);
  }

  oneOf<T extends string>(name: string, options: readonly T[], fallback: T): T {
    const v = this.text(name);
    if (v === undefined) return fallback;
    if (!(options as readonly string[]).includes(v)) {
      this.problems.push({ field: name, code: 'one_of', params: { options: options.join(', ') } });
      return fallback;
    }
    return v as T;
  }

  /** An ISO 8601 date and time; without a zone it is the edition's local time (WordPress's rule). */
  instant(name: string, timeZone: string): string | undefined {
    const v = this.text(name);
    if (v === undefined || v === '') return undefined;
    const m = DATE_TIME.exec(v.trim());
    if (!m) {
      this.problems.push({ field: name, code: 'date_time' });
      return undefined;
    }
    const [, y, mo, d, h, mi, s = '0', zone] = m;
    let t: number;
    if (zone) t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s.padStart(2, '0')}${zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
    else t = instantFromZoned({ year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi) }, timeZone).getTime() + Number(s) * 1000;
    if (Number.isNaN(t)) {
      this.problems.push({ field: name, code: 'date_time' });
      return undefined;
    }
    return new Date(t).toISOString();
  }

  /** A parameter whose value must be one the public may ask for (WordPress: "Status is forbidden"). */
  onlyPublic(name: string, allowed: readonly string[]): void {
    const v = this.list(name);
    if (v && v.some((x) => !allowed.includes(x))) this.problems.push({ field: name, code: 'not_allowed' });
  }

  done(): void {
    if (this.problems.length) throw new Invalid(this.problems);
  }
}
