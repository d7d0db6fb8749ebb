import { userInfo } from 'node:os';
import type { Clock } from '../platform/clock.ts';
import { AuditService, type AuditWho } from '../services/audit/audit.ts';
import type { Repositories } from '../storage/repositories.ts';

/** Who runs this command line: the OS account (a system without a passwd entry: its uid, or $USER). */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER || process.env.LOGNAME || `uid ${process.getuid?.() ?? '?'}`;
  }
}

/**
 * The command line in the audit trail: no account, no address; the actor is `cli:<OS user>`, so
 * `khabar audit list --user cli` (or the newsroom's filter) finds every command's changes.
 */
export function cliActor(): AuditWho {
  return { account: null, ip: '', label: `cli:${osUser()}` };
}

/** Records what a command changed, as the command line's (after the change has landed). */
export function recordCli(rt: { repos: Repositories; clock: Clock }, what: { action: string; target?: string; detail?: string }): Promise<void> {
  return new AuditService({ repos: rt.repos, clock: rt.clock }).record(cliActor(), what);
}
