import type { Config } from '../config.ts';
import { NotFound } from '../domain/errors.ts';
import { editionSettings, updateEdition } from '../services/editions/settings.ts';
import { openRuntime } from './bootstrap.ts';
import { recordCli } from './cli-audit.ts';
import { type Command, type OptionValues, UsageError } from './command-line.ts';

/** `key=value` arguments as pairs, in order. */
export function settingPairs(pairs: string[], command: string): [string, string][] {
  return pairs.map((p): [string, string] => {
    const i = p.indexOf('=');
    if (i < 1) throw new UsageError(`"${p}" is not a setting: write key=value`, command);
    return [p.slice(0, i), p.slice(i + 1)];
  });
}

/** What a settings command changed, for the audit trail: `key=value` as typed (quoted when it has spaces). */
export const changeList = (changes: [string, string][]): string => changes.map(([k, v]) => `${k}=${/[\s"]/.test(v) || v === '' ? JSON.stringify(v) : v}`).join(' ');

/** One value as `set` takes it back: no value (null) is empty, true and false as words. */
export const settingText = (v: string | number | boolean | null | readonly string[]): string =>
  v === null ? '' : Array.isArray(v) ? v.join(',') : String(v);

/** `khabar editions [list [CODE]] [--json]` and `khabar editions set CODE key=value …`. */
export async function editionsCommand(config: Config, args: string[], opts: { json?: boolean } = {}): Promise<string> {
  const [sub = 'list', code, ...pairs] = args;
  if (sub !== 'list' && sub !== 'set') throw new UsageError(`unknown editions command "${sub}"; to show one edition: khabar editions list ${sub}`, 'editions');
  if (sub === 'list' && pairs.length) throw new UsageError('editions list takes one CODE at most', 'editions');
  if (sub === 'set' && (!code || !pairs.length)) throw new UsageError('editions set needs a CODE and at least one key=value', 'editions');
  const changes = sub === 'set' ? settingPairs(pairs, 'editions') : [];
  const rt = await openRuntime(config);
  try {
    if (sub === 'set') {
      const e = await updateEdition(rt.repos, code!, changes);
      await recordCli(rt, { action: 'settings.editions', target: e.code, detail: changeList(changes) });
      return `edition ${e.code} updated`;
    }
    const all = await rt.repos.editions.all();
    const shown = code ? all.filter((e) => e.code === code) : all;
    if (code && !shown.length) throw new NotFound(`edition "${code}"`);
    if (opts.json) return JSON.stringify(Object.fromEntries(shown.map((e) => [e.code, editionSettings(e)])), null, 2);
    // The names and spellings `editions set` takes, so a line can be written back as it reads.
    return shown
      .map((e) => [`${e.code}${e.isDefault ? ' (default)' : ''}`, ...Object.entries(editionSettings(e)).map(([k, v]) => `  ${k}=${settingText(v)}`)].join('\n'))
      .join('\n\n');
  } finally {
    await rt.close();
  }
}

export const editionsCommandSpec: Command = {
  name: 'editions',
  summary: 'show or change the editions’ settings',
  help: `usage: khabar editions [list [CODE]] [--json]
       khabar editions set CODE key=value …

list (the default) shows each edition's settings as key=value, under the names and in the
spelling set takes. set changes some, validated, in one transaction; the running site shows
them on its next request.

settings:
  site-name, tagline  the name and the line under it
  locale              a BCP 47 language tag: ar, en, en-GB
  dir                 rtl or ltr
  timezone            the IANA time zone dates are shown in: Asia/Riyadh
  digits              latn (0-9) or arab (٠-٩)
  month-style         gregorian (فبراير) or levantine (شباط)
  hijri               true: the Hijri date beside the Gregorian one
  host                a host of its own (en.example.org); empty: served under /CODE/
  default             true: the edition / goes to (there is exactly one)
  logo-url, favicon-url, share-image-url
                      an http(s) URL or a path starting with /; empty: none
  wp-api-comments     true: take comments through the WordPress REST API
                      (POST /wp-json/wp/v2/comments); off by default, as in WordPress

e.g. khabar editions set ar month-style=levantine digits=arab hijri=true`,
  options: { json: { type: 'boolean', help: 'list as JSON, keyed by edition code' } },
  run: (config, args, values: OptionValues) => editionsCommand(config, args, { json: values.json === true }),
};
