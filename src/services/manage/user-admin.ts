import type { Account } from '../../domain/account.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { isRole, type Role } from '../../domain/user.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { ManagedUser } from '../../storage/user-admin.ts';
import { AccountService } from '../users/accounts.ts';
import { generatePassword, type HashCost, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from '../users/passwords.ts';
import { FormRefused, optionalText, Problems, requiredText } from './problems.ts';

/**
 * The users screen: accounts, roles, (de)activation and deletion, and each member's own profile.
 * Capability checks belong to the caller (user.manage); the rules that protect the site itself
 * live here: it always keeps an administrator who can log in, and nobody locks themselves out.
 */
export class UserAdmin {
  private readonly accounts: AccountService;

  constructor(private readonly deps: { repos: Repositories; clock: Clock; hashCost?: HashCost }) {
    this.accounts = new AccountService(deps);
  }

  async list(): Promise<ManagedUser[]> {
    return this.deps.repos.userAdmin.all();
  }

  async find(id: number): Promise<ManagedUser> {
    const u = await this.deps.repos.userAdmin.find(id);
    if (!u) throw new NotFound(`user ${id}`);
    return u;
  }

  /** As `khabar user add`: a generated password, returned once to be shown once. */
  async add(input: { email: string; name: string; role: string }): Promise<{ account: Account; password: string }> {
    const p = new Problems();
    requiredText(p, 'name', input.name, 200);
    if (!isRole(input.role)) p.add('role', { code: 'choice' });
    if (!input.email.trim()) p.add('email', { code: 'required' });
    p.done();
    try {
      return await this.accounts.create({ email: input.email, name: input.name, role: input.role });
    } catch (e) {
      if (e instanceof Conflict) throw new FormRefused({ email: { code: 'taken', by: input.email.trim().toLowerCase() } });
      if (e instanceof Invalid && e.field === 'email') throw new FormRefused({ email: { code: 'email' } });
      throw e;
    }
  }

  async setRole(id: number, role: string): Promise<void> {
    if (!isRole(role)) throw new FormRefused({ role: { code: 'choice' } });
    const { repos } = this.deps;
    await repos.transaction(async (tx) => {
      const u = await repos.userAdmin.find(id, tx);
      if (!u) throw new NotFound(`user ${id}`);
      if (u.role === 'administrator' && role !== 'administrator') await this.keepAnAdministrator(tx, id);
      // Capabilities are read per request from the account, so the change applies at once.
      await repos.accounts.setRole(tx, id, role as Role);
    });
  }

  /** Ends every session and removes the password: the account stays (bylines), nobody can log in to it. */
  async deactivate(actor: Account, id: number): Promise<void> {
    const { repos } = this.deps;
    if (actor.id === id) throw new FormRefused({ account: { code: 'self' } });
    await repos.transaction(async (tx) => {
      const u = await repos.userAdmin.find(id, tx);
      if (!u) throw new NotFound(`user ${id}`);
      await this.keepAnAdministrator(tx, id);
      await repos.userAdmin.setPasswordHash(tx, id, null);
      await repos.accounts.deleteSessionsOf(tx, id);
      // Links already mailed must not set a password again.
      await repos.accounts.expireResetsOf(tx, id, this.deps.clock.now().toISOString());
    });
  }

  /** Lets the account log in again with a new generated password (returned once). */
  async activate(id: number): Promise<string> {
    const { repos } = this.deps;
    const password = generatePassword();
    const hash = await hashPassword(password, this.deps.hashCost);
    await repos.transaction(async (tx) => {
      if (!(await repos.userAdmin.find(id, tx))) throw new NotFound(`user ${id}`);
      await repos.userAdmin.setPasswordHash(tx, id, hash);
      await repos.accounts.expireResetsOf(tx, id, this.deps.clock.now().toISOString());
    });
    return password;
  }

  /** Deletes an account; its articles go to `reassignTo` (required when it has any), never deleted. */
  async delete(actor: Account, id: number, reassignTo: number | null): Promise<void> {
    const { repos } = this.deps;
    if (actor.id === id) throw new FormRefused({ account: { code: 'self' } });
    await repos.transaction(async (tx) => {
      const u = await repos.userAdmin.find(id, tx);
      if (!u) throw new NotFound(`user ${id}`);
      if (u.role === 'administrator') await this.keepAnAdministrator(tx, id);
      if (u.articles > 0) {
        if (reassignTo === null || reassignTo === id || !(await repos.userAdmin.find(reassignTo, tx))) throw new FormRefused({ reassign: { code: 'choice' } });
        await repos.userAdmin.reassignArticles(tx, id, reassignTo);
      }
      await repos.userAdmin.delete(tx, id);
      await repos.changes.bump(tx); // bylines and author pages are public
    });
  }

  async updateProfile(id: number, input: { name: string; bio: string }): Promise<void> {
    const p = new Problems();
    const name = requiredText(p, 'name', input.name, 200);
    const bio = optionalText(p, 'bio', input.bio, 2000);
    p.done();
    const { repos } = this.deps;
    await repos.transaction(async (tx) => {
      await repos.userAdmin.setProfile(tx, id, name, bio);
      await repos.changes.bump(tx); // the byline and the author page
    });
  }

  async changePassword(id: number, current: string, next: string): Promise<void> {
    const p = new Problems();
    const stored = await this.deps.repos.userAdmin.passwordHash(id);
    if (!current) p.add('current', { code: 'required' });
    else if (!stored || !(await verifyPassword(stored, current))) p.add('current', { code: 'password_wrong' });
    if ([...next].length < MIN_PASSWORD_LENGTH) p.add('password', { code: 'password_short', min: MIN_PASSWORD_LENGTH });
    else if (next.length > MAX_PASSWORD_LENGTH) p.add('password', { code: 'too_long', max: MAX_PASSWORD_LENGTH });
    p.done();
    const hash = await hashPassword(next, this.deps.hashCost);
    const { repos } = this.deps;
    await repos.transaction(async (tx) => {
      await repos.userAdmin.setPasswordHash(tx, id, hash);
      await repos.accounts.expireResetsOf(tx, id, this.deps.clock.now().toISOString());
    });
  }

  private async keepAnAdministrator(tx: Parameters<Parameters<Repositories['transaction']>[0]>[0], leaving: number): Promise<void> {
    const admins = await this.deps.repos.userAdmin.activeAdministrators(tx);
    if (!admins.some((a) => a !== leaving)) throw new FormRefused({ role: { code: 'last_admin' } });
  }
}
