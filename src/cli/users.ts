import type { Config } from '../config.ts';
import { NotFound } from '../domain/errors.ts';
import { ROLES } from '../domain/user.ts';
import { AuditService } from '../services/audit/audit.ts';
import { AccountService, normaliseEmail } from '../services/users/accounts.ts';
import { SessionService } from '../services/users/sessions.ts';
import { relyingParty, TwoFactorService } from '../services/users/two-factor.ts';
import { openRuntime } from './bootstrap.ts';
import { cliActor, recordCli } from './cli-audit.ts';
import { type Command, str, UsageError } from './command-line.ts';

export interface UserOptions {
  email?: string | undefined;
  name?: string | undefined;
  role?: string | undefined;
}

/** The command that creates the first account; `serve` prints it while nobody can log in. */
export const FIRST_USER_HINT = `node bin/khabar.js user add --email you@example.org --name "Your Name" --role administrator`;

const COMMANDS = ['add', 'list', 'set-role', 'reset-2fa'];

/** `khabar user add|list|set-role|reset-2fa`. Returns the text to print. */
export async function userCommand(config: Config, args: string[], o: UserOptions): Promise<string> {
  const [sub] = args;
  if (!sub) throw new UsageError('user needs a command: add, list, set-role or reset-2fa', 'user');
  if (!COMMANDS.includes(sub)) throw new UsageError(`unknown user command "${sub}"`, 'user');
  if (args.length !== 1) throw new UsageError(`user ${sub} takes no other arguments`, 'user');
  if (sub === 'add' && (!o.email || !o.name || !o.role)) throw new UsageError('user add needs --email, --name and --role', 'user');
  if (sub === 'set-role' && (!o.email || !o.role)) throw new UsageError(`user set-role needs --email and --role (${ROLES.join(', ')})`, 'user');
  if (sub === 'reset-2fa' && !o.email) throw new UsageError('user reset-2fa needs --email', 'user');
  const rt = await openRuntime(config);
  try {
    // A role change ends the account's sessions here as in the newsroom (they are rows: every
    // instance sees them gone on its next request).
    const sessions = new SessionService({ repos: rt.repos, clock: rt.clock, audit: new AuditService({ repos: rt.repos, clock: rt.clock }) });
    const accounts = new AccountService({ repos: rt.repos, clock: rt.clock, sessions });
    switch (sub) {
      case 'add': {
        const { account, password } = await accounts.create({ email: o.email!, name: o.name!, role: o.role! });
        await recordCli(rt, { action: 'user.add', target: account.email, detail: account.role });
        // Printed once and never stored: only its argon2id hash is kept.
        return [
          `created ${account.role} ${account.email} (${account.name})`,
          `password: ${password}`,
          'This password is shown only once. Log in at /admin/login and keep it somewhere safe.',
        ].join('\n');
      }
      case 'reset-2fa': {
        // Whoever can run this on the server is trusted as an administrator is in the newsroom.
        const account = await rt.repos.accounts.byEmail(normaliseEmail(o.email!));
        if (!account) throw new NotFound(`account ${o.email}`);
        const audit = new AuditService({ repos: rt.repos, clock: rt.clock });
        const sessions = new SessionService({ repos: rt.repos, clock: rt.clock, audit });
        const siteUrl = config.siteUrl ?? `http://localhost:${config.port}`;
        const twoFactor = new TwoFactorService({ repos: rt.repos, clock: rt.clock, audit, sessions, secret: rt.secret, rp: relyingParty(siteUrl) });
        await twoFactor.reset(account.id, cliActor());
        return [
          `two-factor sign-in reset for ${account.email}: its authenticator app, passkeys and recovery codes are gone, and every session of it has ended.`,
          'It signs in with its password alone now (or enrols again at once, if its role requires two factors).',
        ].join('\n');
      }
      case 'list': {
        const all = await accounts.list();
        if (!all.length) return `no accounts yet; create one with: ${FIRST_USER_HINT}`;
        return all.map((a) => `${a.email}\t${a.role}\t${a.name}`).join('\n');
      }
      default: {
        const a = await accounts.setRole(o.email!, o.role!);
        await recordCli(rt, { action: 'user.role', target: a.email, detail: a.role });
        return `${a.email} is now ${a.role}`;
      }
    }
  } finally {
    await rt.close();
  }
}

export const userCommandSpec: Command = {
  name: 'user',
  summary: 'add, list and change newsroom accounts',
  help: `usage: khabar user add --email E --name N --role R
       khabar user list
       khabar user set-role --email E --role R
       khabar user reset-2fa --email E

add       create a newsroom account; prints a generated password once (only its hash is kept)
list      the accounts: e-mail, role, name
set-role  change an account's role
reset-2fa remove an account's second factors (authenticator app, passkeys, recovery codes)
          and end its sessions: for someone who lost them all. Check who is asking first —
          never on the strength of an e-mail alone.

roles (WordPress's): ${ROLES.join(', ')}`,
  options: {
    email: { type: 'string', arg: 'E', help: 'the account’s e-mail address' },
    name: { type: 'string', arg: 'N', help: 'add: the name shown in bylines' },
    role: { type: 'string', arg: 'R', help: `one of ${ROLES.join(', ')}` },
  },
  run: (config, args, v) => userCommand(config, args, { email: str(v.email), name: str(v.name), role: str(v.role) }),
};
