import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A dependency loaded on first use, not at start. For libraries most processes never touch
 * (the PostgreSQL driver on a SQLite site, the HTML sanitiser outside writes, argon2 outside
 * logins, the SMTP client without SMTP): each costs 10–15 MB of resident memory once loaded.
 */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
