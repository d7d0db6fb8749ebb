import type { StringKey } from './strings.ts';

export type PluralForms = Record<Intl.LDMLPluralRule, StringKey>;

// Intl.PluralRules construction is not free; one per locale.
const rules = new Map<string, Intl.PluralRules>();

/** The string key for `n` under the locale's plural rules (Arabic has six forms). */
export function pluralKey(locale: string, n: number, forms: PluralForms): StringKey {
  let r = rules.get(locale);
  if (!r) rules.set(locale, (r = new Intl.PluralRules(locale)));
  return forms[r.select(n)];
}
