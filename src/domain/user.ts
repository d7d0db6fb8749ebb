export type Role = 'administrator' | 'editor' | 'author' | 'contributor';
export const ROLES: readonly Role[] = ['administrator', 'editor', 'author', 'contributor'];

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** A newsroom account as readers see it (byline). Private fields live in storage only. */
export interface Author {
  id: number;
  slug: string;
  name: string;
  bio: string;
  /** A library image's address (`/media/<name>/<file>`), the same in every edition; null: none. */
  photoUrl: string | null;
}

/** An author's name and bio in one edition ('' : the account's own is shown there). */
export interface EditionProfile {
  edition: string;
  name: string;
  bio: string;
}

/** A newsroom member as the people who manage accounts see them (never the password hash). */
export interface UserProfile {
  id: number;
  email: string;
  name: string;
  bio: string;
  photoUrl: string | null;
  role: Role;
  /** Can log in (has a password). Demo bylines and deactivated accounts cannot. */
  active: boolean;
  articles: number;
  createdAt: string;
}
