import type { Config } from '../config.ts';
import { Invalid } from '../domain/errors.ts';
import { updateEdition } from '../services/editions/settings.ts';
import { openRuntime } from './bootstrap.ts';

/** `khabar editions` (list) and `khabar editions set CODE key=value …`. */
export async function editionsCommand(config: Config, args: string[]): Promise<string> {
  const rt = await openRuntime(config);
  try {
    const [sub = 'list', code, ...pairs] = args;
    if (sub === 'list') {
      const rows = await rt.repos.editions.all();
      return rows
        .map((e) => `${e.code}${e.isDefault ? ' (default)' : ''}: ${e.siteName} · ${e.locale} ${e.dir} · ${e.timezone} · digits ${e.digits} · months ${e.monthStyle}${e.showHijri ? ' · hijri' : ''}${e.host ? ` · host ${e.host}` : ''}`)
        .join('\n');
    }
    if (sub !== 'set' || !code || !pairs.length) throw new Invalid('editions', 'usage: khabar editions [list] | set CODE key=value …');
    const changes = pairs.map((p): [string, string] => {
      const i = p.indexOf('=');
      if (i < 1) throw new Invalid(p, 'write settings as key=value');
      return [p.slice(0, i), p.slice(i + 1)];
    });
    const e = await updateEdition(rt.repos, code, changes);
    return `edition ${e.code} updated`;
  } finally {
    await rt.close();
  }
}
