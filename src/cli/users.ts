import type { Config } from '../config.ts';
import { Invalid } from '../domain/errors.ts';
import { ROLES } from '../domain/user.ts';
import { AccountService } from '../services/users/accounts.ts';
import { openRuntime } from './bootstrap.ts';

export interface UserOptions {
  email?: string;
  name?: string;
  role?: string;
}

const USAGE = 'usage: khabar user add --email E --name N --role R | user list | user set-role --email E --role R';

/** The command that creates the first account; `serve` prints it while nobody can log in. */
export const FIRST_USER_HINT = `node bin/khabar.js user add --email you@example.org --name "Your Name" --role administrator`;

/** `khabar user add|list|set-role`. Returns the text to print. */
export async function userCommand(config: Config, args: string[], o: UserOptions): Promise<string> {
  const [sub] = args;
  if (args.length !== 1 || !sub) throw new Invalid('user', USAGE);
  const rt = await openRuntime(config);
  try {
    const accounts = new AccountService({ repos: rt.repos, clock: rt.clock });
    switch (sub) {
      case 'add': {
        if (!o.email || !o.name || !o.role) throw new Invalid('user add', 'needs --email, --name and --role');
        const { account, password } = await accounts.create({ email: o.email, name: o.name, role: o.role });
        // Printed once and never stored: only its argon2id hash is kept.
        return [
          `created ${account.role} ${account.email} (${account.name})`,
          `password: ${password}`,
          'This password is shown only once. Log in at /admin/login and keep it somewhere safe.',
        ].join('\n');
      }
      case 'list': {
        const all = await accounts.list();
        if (!all.length) return `no accounts yet; create one with: ${FIRST_USER_HINT}`;
        return all.map((a) => `${a.email}\t${a.role}\t${a.name}`).join('\n');
      }
      case 'set-role': {
        if (!o.email || !o.role) throw new Invalid('user set-role', `needs --email and --role (${ROLES.join(', ')})`);
        const a = await accounts.setRole(o.email, o.role);
        return `${a.email} is now ${a.role}`;
      }
      default:
        throw new Invalid('user', USAGE);
    }
  } finally {
    await rt.close();
  }
}
