import { DomainError } from '../../domain/errors.ts';

/** What is wrong with one field of a management form; the web layer words it in the UI language. */
export type Problem =
  | { code: 'required' }
  | { code: 'too_long'; max: number }
  | { code: 'slug' }
  | { code: 'taken'; by: string }
  | { code: 'number'; min: number; max: number }
  | { code: 'choice' }
  | { code: 'email' }
  | { code: 'url' }
  | { code: 'password_short'; min: number }
  | { code: 'password_wrong' }
  | { code: 'last_admin' }
  | { code: 'self' }
  | { code: 'setting'; reason: string };

/** A form refused with every field problem at once, so each message can sit beside its field. */
export class FormRefused extends DomainError {
  constructor(readonly problems: Record<string, Problem>) {
    super('invalid', `refused: ${Object.keys(problems).join(', ')}`);
  }
}

/** Collects problems field by field; `done()` throws when there is any. */
export class Problems {
  readonly found: Record<string, Problem> = {};
  add(field: string, p: Problem): void {
    this.found[field] ??= p;
  }
  has(field: string): boolean {
    return field in this.found;
  }
  done(): void {
    if (Object.keys(this.found).length) throw new FormRefused(this.found);
  }
}

/** A required one-line text of at most `max` characters, trimmed. */
export function requiredText(p: Problems, field: string, raw: string, max: number): string {
  const v = raw.trim();
  if (!v) p.add(field, { code: 'required' });
  else if ([...v].length > max) p.add(field, { code: 'too_long', max });
  return v;
}

export function optionalText(p: Problems, field: string, raw: string, max: number): string {
  const v = raw.trim();
  if ([...v].length > max) p.add(field, { code: 'too_long', max });
  return v;
}

export function integerIn(p: Problems, field: string, raw: string, min: number, max: number, fallback: number): number {
  const v = raw.trim();
  if (v === '') return fallback;
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || n < min || n > max) {
    p.add(field, { code: 'number', min, max });
    return fallback;
  }
  return n;
}
