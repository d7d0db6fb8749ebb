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
}
