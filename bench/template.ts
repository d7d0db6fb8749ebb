import { randomInt } from 'node:crypto';
import type { BenchRequest } from './load.ts';

/**
 * The placeholders a scenario may put in a request's path, header values or body, so that every
 * request sent can differ (each comment POST from its own reader) while the request list stays
 * plain data that autocannon (in JS) and wrk (in Lua, bench/load-wrk.lua) expand alike:
 *
 *   {n}   a number no other request of this bench run gets (digits only: safe in a URL or a form)
 *   {ip}  a loopback address derived from {n}: 127.a.b.c with a and c in 1–254, never 127.0.0.1
 *
 * Keep ipFor() and its Lua twin in bench/load-wrk.lua identical.
 */
export const PLACEHOLDER = /\{(n|ip)\}/g;

export function expand(template: string, n: number): string {
  return template.replace(PLACEHOLDER, (_, name: string) => (name === 'n' ? String(n) : ipFor(n)));
}

export function ipFor(n: number): string {
  const c = 1 + (n % 254);
  const b = Math.floor(n / 254) % 256;
  const a = 1 + (Math.floor(n / (254 * 256)) % 254);
  return `127.${a}.${b}.${c}`;
}

/** Whether the request's path, a header value or its body holds a placeholder. */
export function isTemplated({ path, headers, body }: BenchRequest): boolean {
  return [path, body, ...Object.values(headers ?? {})].some((text) => text !== undefined && new RegExp(PLACEHOLDER.source).test(text));
}

/**
 * Hands out {n}: increasing for the whole run, across warm-up and measured runs and across
 * scenarios, because the server refuses a duplicate comment and a second one from the same
 * address or e-mail within seconds. The random start keeps two bench runs on one database apart.
 */
export class Sequence {
  private next: number;

  constructor(start: number) {
    this.next = start;
  }

  take(): number {
    return this.next++;
  }

  /** The first number a load generator may use; it reports the last it used to `usedUpTo`. */
  peek(): number {
    return this.next;
  }

  usedUpTo(last: number): void {
    this.next = Math.max(this.next, last + 1);
  }
}

// Below 2^31 with room to spare, so Lua (doubles) formats it as plain digits.
export const sequence = new Sequence(randomInt(1, 1_000_000_000));

/** The request with its placeholders filled from the next number of `seq` (as is, when it has none). */
export function instantiate(request: BenchRequest, seq: Sequence = sequence): BenchRequest {
  if (!isTemplated(request)) return request;
  const { path, headers, body } = request;
  const n = seq.take();
  return {
    ...request,
    path: expand(path, n),
    ...(headers && { headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, expand(v, n)])) }),
    ...(body !== undefined && { body: expand(body, n) }),
  };
}

/**
 * An application/x-www-form-urlencoded body (as a browser sends a form) whose values may hold
 * placeholders: the text around them is percent-encoded now, the placeholders stay for the load
 * generator (what they become is digits and dots, which need no encoding).
 */
export function formTemplate(fields: Record<string, string>): string {
  const encode = (s: string) => new URLSearchParams([['', s]]).toString().slice(1);
  return Object.entries(fields)
    .map(([name, value]) => `${encode(name)}=${value.split(/(\{(?:n|ip)\})/).map((part, i) => (i % 2 ? part : encode(part))).join('')}`)
    .join('&');
}
