import type { Account } from '../../domain/account.ts';
import { Invalid, NotFound, Problems } from '../../domain/errors.ts';
import { type InvalidationKey, invalidates } from '../../domain/invalidation.ts';
import { type Author, type EditionProfile, isRole, type Role, type UserProfile } from '../../domain/user.ts';
import type { PublicAuthorQuery } from '../../storage/published-queries.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Tx } from '../../storage/write-path.ts';
import { MEDIA_PATH, parseMediaUrl } from '../media/media-urls.ts';
import { optionalText, requiredText } from '../typed-input.ts';
import { AccountService } from './accounts.ts';
import type { SessionService } from './sessions.ts';
import { generatePassword, type HashCost, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';

/**
 * Newsroom members: accounts, roles, (de)activation and deletion, and each member's own profile.
 * Capability checks belong to the caller (user.manage); the rules that protect the site itself
 * live here: it always keeps an administrator who can log in, and nobody locks themselves out.
 */
export class UserService {
  private readonly accounts: AccountService;

  constructor(private readonly deps: { repos: Repositories; clock: Clock; sessions: SessionService; hashCost?: HashCost }) {
    this.accounts = new AccountService(deps);
  }

  async list(): Promise<UserProfile[]> {
    return this.deps.repos.users.all();
  }

  /**
   * The people with a published article in the edition, byline fields only (never an e-mail or a
   * role): whom the WordPress REST API's users endpoint may show.
   */
  async bylines(q: PublicAuthorQuery): Promise<{ items: Author[]; total: number }> {
    return this.deps.repos.published.authors(q);
  }

  async find(id: number): Promise<UserProfile> {
    const u = await this.deps.repos.users.profile(id);
    if (!u) throw new NotFound(`user ${id}`);
    return u;
  }

  /** As `khabar user add`: a generated password, returned once to be shown once. */
  async add(input: { email: string; name: string; role: string }): Promise<{ account: Account; password: string }> {
    const p = new Problems();
    requiredText(p, 'name', input.name, 200);
    if (!isRole(input.role)) p.add('role', 'choice');
    if (!input.email.trim()) p.add('email', 'required');
    p.done();
    // An e-mail already taken comes back as a Conflict naming the field (the form shows it there).
    return this.accounts.create({ email: input.email, name: input.name, role: input.role });
  }

  /**
   * A new role ends the account's sessions (all but the one making the change, when it is the
   * account's own): whoever holds one signs in again under the new role. Returns the old role.
   */
  async setRole(id: number, role: string, keepSessionId?: string | null): Promise<Role> {
    if (!isRole(role)) throw new Invalid('role', 'choice');
    const { repos } = this.deps;
    // A role is not public: nothing readers see changes.
    return repos.write(async (tx) => {
      const u = await repos.users.profile(id, tx);
      if (!u) throw new NotFound(`user ${id}`);
      if (u.role === 'administrator' && role !== 'administrator') await this.keepAnAdministrator(tx, id);
      // Capabilities are read per request from the account, so the change applies at once.
      await repos.accounts.setRole(tx, id, role);
      if (u.role !== role) await this.deps.sessions.endOtherSessions(id, keepSessionId, tx);
      return u.role;
    }, { invalidates: [] });
  }

  /** Ends every session and removes the password: the account stays (bylines), nobody can log in to it. */
  async deactivate(actor: Account, id: number): Promise<void> {
    const { repos } = this.deps;
    if (actor.id === id) throw new Invalid('account', 'self');
    await repos.write(async (tx) => {
      const u = await repos.users.profile(id, tx);
      if (!u) throw new NotFound(`user ${id}`);
      await this.keepAnAdministrator(tx, id);
      await repos.users.setPasswordHash(tx, id, null);
      await this.deps.sessions.endOtherSessions(id, null, tx);
      // Links already mailed must not set a password again.
      await repos.accounts.expireResetsOf(tx, id, this.deps.clock.now().toISOString());
    }, { invalidates: [] });
  }

  /** Lets the account log in again with a new generated password (returned once). */
  async activate(id: number): Promise<string> {
    const { repos } = this.deps;
    const password = generatePassword();
    const hash = await hashPassword(password, this.deps.hashCost);
    await repos.write(async (tx) => {
      if (!(await repos.users.profile(id, tx))) throw new NotFound(`user ${id}`);
      await repos.users.setPasswordHash(tx, id, hash);
      await repos.accounts.expireResetsOf(tx, id, this.deps.clock.now().toISOString());
    }, { invalidates: [] });
    return password;
  }

  /** Deletes an account; its articles go to `reassignTo` (required when it has any), never deleted. */
  async delete(actor: Account, id: number, reassignTo: number | null): Promise<void> {
    const { repos } = this.deps;
    if (actor.id === id) throw new Invalid('account', 'self');
    const bylines = await this.bylineKeys(id, reassignTo);
    await repos.write(async (tx) => {
      const u = await repos.users.profile(id, tx);
      if (!u) throw new NotFound(`user ${id}`);
      if (u.role === 'administrator') await this.keepAnAdministrator(tx, id);
      if (u.articles > 0) {
        if (reassignTo === null || reassignTo === id || !(await repos.users.profile(reassignTo, tx))) throw new Invalid('reassign', 'choice');
        await repos.users.reassignArticles(tx, id, reassignTo);
      }
      await repos.users.delete(tx, id);
    }, { invalidates: bylines });
  }

  /**
   * The account's name and bio, and (when given) its own in each edition: `editions` maps an
   * edition's code to what its readers see ('' there: the general name or bio). Fields are named
   * `name_<edition>` and `bio_<edition>` in problems. `photo` (when given) is a library image's
   * address ('' removes the photo), `photo_url` in problems.
   */
  async updateProfile(id: number, input: { name: string; bio: string; photo?: string; editions?: Record<string, { name: string; bio: string }> }): Promise<void> {
    const p = new Problems();
    const name = requiredText(p, 'name', input.name, 200);
    const bio = optionalText(p, 'bio', input.bio, 2000);
    const { repos } = this.deps;
    const photo = input.photo === undefined ? undefined : await this.libraryImage(p, input.photo);
    const known = new Set((await repos.editions.all()).map((e) => e.code));
    const editions: EditionProfile[] = [];
    for (const [edition, typed] of Object.entries(input.editions ?? {})) {
      if (!known.has(edition)) continue;
      editions.push({ edition, name: optionalText(p, `name_${edition}`, typed.name, 200), bio: optionalText(p, `bio_${edition}`, typed.bio, 2000) });
    }
    p.done();
    await repos.write(async (tx) => {
      await repos.users.setProfile(tx, id, name, bio);
      if (photo !== undefined) await repos.users.setPhoto(tx, id, photo);
      if (input.editions) await repos.users.setEditionProfiles(tx, id, editions);
    }, { invalidates: await this.bylineKeys(id) });
  }

  /** The account's own name and bio in each edition that has any. */
  async editionProfiles(id: number): Promise<EditionProfile[]> {
    return this.deps.repos.users.editionProfiles(id);
  }

  /** A new password ends every other session of the account (the one changing it stays). */
  async changePassword(id: number, current: string, next: string, keepSessionId: string | null): Promise<void> {
    const p = new Problems();
    const stored = await this.deps.repos.users.passwordHash(id);
    if (!current) p.add('current', 'required');
    else if (!stored || !(await verifyPassword(stored, current))) p.add('current', 'password_wrong');
    if ([...next].length < MIN_PASSWORD_LENGTH) p.add('password', 'password_short', { min: MIN_PASSWORD_LENGTH });
    else if (next.length > MAX_PASSWORD_LENGTH) p.add('password', 'too_long', { max: MAX_PASSWORD_LENGTH });
    p.done();
    const hash = await hashPassword(next, this.deps.hashCost);
    const { repos } = this.deps;
    await repos.write(async (tx) => {
      await repos.users.setPasswordHash(tx, id, hash);
      await repos.accounts.expireResetsOf(tx, id, this.deps.clock.now().toISOString());
      await this.deps.sessions.endOtherSessions(id, keepSessionId, tx);
    }, { invalidates: [] });
  }

  /** A byline is public: the author's page, and every edition's pages that show their name. */
  private async bylineKeys(...ids: (number | null)[]): Promise<InvalidationKey[]> {
    const editions = await this.deps.repos.editions.all();
    return [...ids.filter((x): x is number => x !== null).map(invalidates.author), ...editions.map((e) => invalidates.edition(e.code))];
  }

  /**
   * An image of the library by its address (`/media/<name>/<file>`, as the library shows it), kept
   * in that one form; '' is none. Anything else (a link elsewhere, a removed image) is refused: a
   * photo outside the library would escape its clean-up and the site's CSP.
   */
  private async libraryImage(p: Problems, typed: string): Promise<string | null> {
    const url = typed.trim();
    if (!url) return null;
    const parsed = url.length <= 500 ? parseMediaUrl(url) : null;
    if (!parsed || !(await this.deps.repos.media.byName(parsed.name))) {
      p.add('photo_url', 'library_image');
      return null;
    }
    return `${MEDIA_PATH}${parsed.name}/${parsed.fileWidth}.${parsed.format}`;
  }

  private async keepAnAdministrator(tx: Tx, leaving: number): Promise<void> {
    const admins = await this.deps.repos.users.activeAdministrators(tx);
    if (!admins.some((a) => a !== leaving)) throw new Invalid('role', 'last_admin');
  }
}
