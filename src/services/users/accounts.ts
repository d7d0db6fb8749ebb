import { type Account, type UiLocale, isUiLocale, UI_LOCALES } from '../../domain/account.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { invalidates } from '../../domain/invalidation.ts';
import { isRole, ROLES, type Role } from '../../domain/user.ts';
import type { Clock } from '../../platform/clock.ts';
import { slugify } from '../../platform/slug.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { SessionService } from './sessions.ts';
import { generatePassword, hashPassword, type HashCost, validatePassword } from './passwords.ts';

export interface AccountServiceDeps {
  repos: Repositories;
  clock: Clock;
  /** Tests only: a cheaper argon2 cost. */
  hashCost?: HashCost;
  /** Ends an account's sessions when its role changes (absent: accounts are only created). */
  sessions?: Pick<SessionService, 'endOtherSessions'>;
}

// Deliberately loose (RFC 5322 is not worth matching): one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function parseRole(s: string): Role {
  if (isRole(s)) return s;
  throw new Invalid('role', 'one_of', { options: ROLES.join(', ') });
}

/** Creating and managing newsroom accounts (the CLI now, the users screen later). */
export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  /** Creates an account; without a password one is generated and returned (to be shown once). */
  async create(input: { email: string; name: string; role: string; password?: string }): Promise<{ account: Account; password: string }> {
    const email = normaliseEmail(input.email);
    if (!EMAIL.test(email) || email.length > 254) throw new Invalid('email', 'email');
    const name = input.name.trim();
    if (!name) throw new Invalid('name', 'required');
    if (name.length > 200) throw new Invalid('name', 'too_long', { max: 200 });
    const role = parseRole(input.role);
    const password = input.password ?? generatePassword();
    validatePassword(password);
    const passwordHash = await hashPassword(password, this.deps.hashCost);
    const { repos, clock } = this.deps;
    const id = await repos.write(async (tx) => {
      if (await repos.accounts.byEmail(email, tx)) throw new Conflict(`an account with the e-mail ${email} already exists`, { field: 'email', code: 'taken', params: { by: email } });
      const base = slugify(name) || 'user';
      let slug = base;
      for (let n = 2; await repos.accounts.slugTaken(tx, slug); n++) slug = `${base}-${n}`;
      return repos.accounts.insert(tx, { email, slug, name, role, passwordHash }, clock.now().toISOString());
      // Author pages and bylines are public content.
    }, { invalidates: (newId) => [invalidates.author(newId)] });
    const account = await repos.accounts.byId(id);
    if (!account) throw new NotFound('account');
    return { account, password };
  }

  async list(): Promise<Account[]> {
    return this.deps.repos.accounts.all();
  }

  async setRole(email: string, role: string): Promise<Account> {
    const r = parseRole(role);
    const { repos } = this.deps;
    const found = await repos.accounts.byEmail(normaliseEmail(email));
    if (!found) throw new NotFound(`account ${email}`);
    // Capabilities are read per request from the account, so a demotion applies at once; a role
    // is not public, so nothing readers see changes.
    await repos.write(async (tx) => {
      await repos.accounts.setRole(tx, found.id, r);
      // Whoever holds a session of the account signs in again under the new role.
      if (found.role !== r) await this.deps.sessions?.endOtherSessions(found.id, null, tx);
    }, { invalidates: [] });
    return { ...found, role: r };
  }

  async setLocale(id: number, locale: string): Promise<UiLocale> {
    if (!isUiLocale(locale)) throw new Invalid('locale', 'one_of', { options: UI_LOCALES.join(', ') });
    await this.deps.repos.accounts.setLocale(id, locale);
    return locale;
  }
}
