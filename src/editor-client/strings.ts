import { ar, en, type RichEditorStrings } from '../platform/i18n/admin-strings-rich-editor.ts';

export type { RichEditorStrings };

/** The strings in the page's UI language (the admin's `<html lang>`), Arabic by default. */
export function stringsFor(lang: string): RichEditorStrings {
  return lang.toLowerCase().startsWith('en') ? en : ar;
}

/** "{time}"-style placeholders filled in. */
export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}
