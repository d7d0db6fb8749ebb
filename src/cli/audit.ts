import type { Config } from '../config.ts';
import { Invalid } from '../domain/errors.ts';
import { AuditService } from '../services/audit/audit.ts';
import { openRuntime } from './bootstrap.ts';
import { type Command, type OptionValues, str, UsageError } from './command-line.ts';

/** A date or instant from the command line (`2026-03-01`, `2026-03-01T10:00Z`) as an ISO instant. */
export function auditSince(v: string): string {
  const t = /^\d{4}-\d\d-\d\d$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(t)) throw new Invalid('--since', 'date_time');
  return new Date(t).toISOString();
}

/** `khabar audit list`: the audit trail, newest first (read only: nothing can change it). */
export async function auditCommand(config: Config, args: string[], o: { user?: string; action?: string; since?: string; limit?: string }): Promise<string> {
  const [sub = 'list'] = args;
  if (sub !== 'list') throw new UsageError(`unknown audit command "${sub}"`, 'audit');
  const limit = o.limit === undefined ? 50 : /^[1-9]\d{0,3}$/.test(o.limit) ? Number(o.limit) : NaN;
  if (Number.isNaN(limit)) throw new Invalid('--limit', 'number', { min: 1, max: 9999 });
  const since = o.since === undefined ? undefined : auditSince(o.since);
  const rt = await openRuntime(config);
  try {
    const audit = new AuditService({ repos: rt.repos, clock: rt.clock });
    const { items } = await audit.list({ ...(o.user && { actor: o.user.trim().toLowerCase() }), ...(o.action && { action: o.action }), ...(since && { since }), limit });
    if (!items.length) return 'no audit entries';
    return items.map((e) => [e.at, e.actor || '-', e.action, e.target || '-', e.ip || '-', e.detail].filter((x) => x !== '').join('  ')).join('\n');
  } finally {
    await rt.close();
  }
}

export const auditCommandSpec: Command = {
  name: 'audit',
  summary: 'the audit trail: who changed what, when, from where',
  help: `usage: khabar audit list [--user E] [--action A] [--since DATE] [--limit N]

list   the newest entries first, one a line: time, who, action, what, address, detail
       (the trail is append-only: neither the newsroom nor this command can change it)

e.g. khabar audit list --action sign-in.failed --since 2026-03-01`,
  options: {
    user: { type: 'string', arg: 'E', help: 'only what this account (e-mail) did' },
    action: { type: 'string', arg: 'A', help: 'only this action (sign-in, sign-in.failed, article.publish, user.role, …)' },
    since: { type: 'string', arg: 'DATE', help: 'only from this date (YYYY-MM-DD, UTC) or instant on' },
    limit: { type: 'string', arg: 'N', help: 'at most N entries (50)' },
  },
  run: (config, args, v: OptionValues) =>
    auditCommand(config, args, {
      ...(str(v.user) !== undefined && { user: str(v.user) }),
      ...(str(v.action) !== undefined && { action: str(v.action) }),
      ...(str(v.since) !== undefined && { since: str(v.since) }),
      ...(str(v.limit) !== undefined && { limit: str(v.limit) }),
    }),
};
