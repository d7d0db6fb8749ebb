/**
 * The only reader of process.env. Validated once, frozen, typed. An invalid value stops the
 * start with a message naming the variable and the fix (conventions §7).
 */
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { PurgeTarget } from './platform/purge.ts';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly siteUrl: string | null;
  readonly redisUrl: string | null;
  /**
   * Which proxies' `X-Forwarded-For` entries count: none (false), their addresses or networks,
   * or how many hops in front. Never "everyone": the client writes the left-most entry.
   */
  readonly trustProxy: false | number | readonly string[];
  /** How long a shared cache (a CDN, Varnish) may keep a public page, in seconds; writes purge it sooner. */
  readonly cacheSMaxAge: number;
  /** Where each write's surrogate keys are purged (PURGE): nowhere, Varnish, Cloudflare or Fastly. */
  readonly purge: PurgeTarget;
  /** PostgreSQL: connections this instance keeps (instances × this ≤ max_connections, or PgBouncer). */
  readonly databasePoolSize: number;
  /** Comments a minute from everyone together (COMMENTS_PER_MINUTE): the flood ceiling over the per-address one. */
  readonly commentsPerMinute: number;
  /** PostgreSQL: longest a statement in a transaction may run, in ms (SET LOCAL; 0 = the server's own). */
  readonly databaseStatementTimeoutMs: number;
  /** PostgreSQL `application_name`: which host and process a connection belongs to. */
  readonly databaseApplicationName: string;
  readonly secret: string | null;
  readonly logLevel: string;
  /** Seed demo content into a database that is being created. */
  readonly demoContent: boolean;
  readonly isProduction: boolean;
  /** smtp:// or smtps:// for outgoing mail; without it mail goes to an outbox folder. */
  readonly smtpUrl: string | null;
  /** The From address of the site's mail. */
  readonly mailFrom: string;
  /** The folder uploaded images and their variants are kept in (an absolute path) when mediaBucket is null. */
  readonly mediaDir: string;
  /** MEDIA_STORE=s3://bucket/prefix: images are kept in an S3-compatible store instead of mediaDir. */
  readonly mediaBucket: S3Location | null;
  /** How S3-compatible stores are reached (MEDIA_STORE=s3://…, `khabar media migrate --to s3://…`). */
  readonly s3: S3Connection;
  /** Where pages point images at (a CDN, the bucket's public address), or null: Khabar serves /media/. */
  readonly mediaPublicUrl: string | null;
  /** The largest upload accepted, in bytes. */
  readonly mediaMaxBytes: number;
}

export class ConfigError extends Error {}

/** How an S3-compatible store is reached (S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE, AWS_* keys). */
export interface S3Connection {
  /** S3_ENDPOINT: another S3-compatible service (MinIO, R2, …); null for AWS itself. */
  readonly endpoint: string | null;
  readonly region: string;
  readonly forcePathStyle: boolean;
  /** AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; null: the SDK's own chain (an instance role). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | null;
}

/** A bucket and a key prefix in an S3-compatible store, with how to reach it. */
export interface S3Location extends S3Connection {
  readonly bucket: string;
  /** Keys start with it (no slash at either end; '' for the bucket's root). */
  readonly prefix: string;
}

/** Where media lives: a folder, or a bucket. */
export type MediaStoreLocation = { readonly kind: 'file'; readonly dir: string } | ({ readonly kind: 's3' } & S3Location);

function parseS3Connection(env: Env): S3Connection {
  const keyId = env.AWS_ACCESS_KEY_ID || '';
  const secret = env.AWS_SECRET_ACCESS_KEY || '';
  if (Boolean(keyId) !== Boolean(secret)) throw new ConfigError('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together: set both, or neither (the SDK then finds credentials itself)');
  return {
    endpoint: parseUrl('S3_ENDPOINT', env.S3_ENDPOINT, ['https:', 'http:']),
    region: env.S3_REGION || env.AWS_REGION || 'us-east-1',
    forcePathStyle: parseBool('S3_FORCE_PATH_STYLE', env.S3_FORCE_PATH_STYLE, false),
    credentials: keyId ? { accessKeyId: keyId, secretAccessKey: secret } : null,
  };
}

/**
 * `MEDIA_STORE` (or `khabar media migrate --to`): `file:<dir>` or `s3://bucket/prefix`, the
 * bucket reached as `s3` says (S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE, the AWS_* keys).
 */
export function parseMediaStore(name: string, v: string, s3: S3Connection): MediaStoreLocation {
  if (v.startsWith('file:')) {
    const dir = v.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!dir) throw new ConfigError(`${name}=file: needs a folder, e.g. ${name}=file:./data/media`);
    return { kind: 'file', dir: resolve(dir) };
  }
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(v);
  if (!m) throw new ConfigError(`${name} must be file:<folder> or s3://bucket/prefix (got "${v}")`);
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (/[^A-Za-z0-9/._-]|\/\/|(^|\/)\.\.?(\/|$)/.test(prefix)) throw new ConfigError(`${name}: the key prefix may hold letters, digits, / . _ - (got "${prefix}")`);
  return { kind: 's3', bucket: m[1]!, prefix, ...s3 };
}

/** A store as MEDIA_STORE spells it (for messages: never a credential). */
export function mediaStoreName(l: MediaStoreLocation): string {
  return l.kind === 'file' ? `file:${l.dir}` : `s3://${l.bucket}${l.prefix ? `/${l.prefix}` : ''}`;
}

/** MEDIA_STORE, else MEDIA_DIR (its older name for a folder), else ./data/media. */
function mediaLocation(env: Env, s3: S3Connection): { mediaDir: string; mediaBucket: S3Location | null } {
  if (env.MEDIA_STORE) {
    const l = parseMediaStore('MEDIA_STORE', env.MEDIA_STORE, s3);
    if (l.kind === 'file') return { mediaDir: l.dir, mediaBucket: null };
    const { kind: _k, ...bucket } = l;
    return { mediaDir: resolve(env.MEDIA_DIR || './data/media'), mediaBucket: bucket };
  }
  return { mediaDir: resolve(env.MEDIA_DIR || './data/media'), mediaBucket: null };
}

type Env = Readonly<Record<string, string | undefined>>;

function parsePort(v: string | undefined): number {
  if (v === undefined || v === '') return 3000;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${v}")`);
  }
  return n;
}

function parseDatabaseUrl(v: string | undefined): string {
  const url = v === undefined || v === '' ? 'sqlite:./data/khabar.sqlite' : v;
  if (url.startsWith('sqlite:') || url.startsWith('postgres://') || url.startsWith('postgresql://')) return url;
  throw new ConfigError(
    `DATABASE_URL must start with sqlite: (e.g. sqlite:./data/khabar.sqlite) or postgres:// (got "${url}")`,
  );
}

function parseUrl(name: string, v: string | undefined, protocols: string[]): string | null {
  if (v === undefined || v === '') return null;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(`${name} must be a full URL such as ${protocols[0]}//example.org (got "${v}")`);
  }
  if (!protocols.includes(u.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')} (got "${v}")`);
  }
  return v.replace(/\/+$/, '');
}

function parseMediaMaxMb(v: string | undefined): number {
  if (v === undefined || v === '') return 10 * 1024 * 1024;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 1024) throw new ConfigError(`MEDIA_MAX_MB must be a number of megabytes from 0.1 to 1024 (got "${v}")`);
  return Math.round(n * 1024 * 1024);
}

/** `TRUST_PROXY`: addresses or networks (`10.0.0.1,10.1.0.0/16`) or a number of hops. */
function parseTrustProxy(v: string | undefined): false | number | string[] {
  if (v === undefined || v === '' || /^(0|false|no|off)$/i.test(v)) return false;
  if (/^(1|true|yes|on)$/i.test(v) && !/^1$/.test(v)) {
    throw new ConfigError(
      `TRUST_PROXY=${v} would let every client choose its own address; name the proxies instead: TRUST_PROXY=10.0.0.5,10.1.0.0/16 (addresses or networks), or TRUST_PROXY=1 (the number of proxies in front)`,
    );
  }
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10) throw new ConfigError(`TRUST_PROXY must be from 1 to 10 when it counts the proxies in front (got "${v}")`);
    return hops;
  }
  const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of entries) {
    const [addr, bits, extra] = e.split('/');
    const family = isIP(addr ?? '');
    const max = family === 6 ? 128 : 32;
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max);
    if (!family || !okBits || extra !== undefined) {
      throw new ConfigError(`TRUST_PROXY must list proxy addresses or networks such as 10.0.0.5,10.1.0.0/16, or be a number of proxies (got "${e}")`);
    }
  }
  return entries;
}

/** `PURGE`: none | varnish:URL[,URL…] | cloudflare | fastly (their credentials from the environment). */
function parsePurge(env: Env): PurgeTarget {
  const v = env.PURGE ?? '';
  if (v === '' || v === 'none') return { kind: 'none' };
  const need = (name: string) => {
    const x = env[name];
    if (!x) throw new ConfigError(`PURGE=${v} needs ${name}`);
    return x;
  };
  if (v === 'cloudflare') {
    return { kind: 'cloudflare', token: need('CLOUDFLARE_API_TOKEN'), zoneId: need('CLOUDFLARE_ZONE_ID'), apiBase: parseUrl('PURGE_API_BASE', env.PURGE_API_BASE, ['https:', 'http:']) ?? 'https://api.cloudflare.com' };
  }
  if (v === 'fastly') {
    return { kind: 'fastly', token: need('FASTLY_API_TOKEN'), serviceId: need('FASTLY_SERVICE_ID'), apiBase: parseUrl('PURGE_API_BASE', env.PURGE_API_BASE, ['https:', 'http:']) ?? 'https://api.fastly.com' };
  }
  if (v.startsWith('varnish:')) {
    const urls = v.slice('varnish:'.length).split(',').map((u) => u.trim()).filter(Boolean);
    if (!urls.length) throw new ConfigError('PURGE=varnish: needs the address of each Varnish, e.g. PURGE=varnish:http://127.0.0.1:6081');
    return { kind: 'varnish', urls: urls.map((u) => parseUrl('PURGE', u, ['http:', 'https:'])!) };
  }
  throw new ConfigError(`PURGE must be none, varnish:URL[,URL…], cloudflare or fastly (got "${v}")`);
}

function parseWhole(name: string, v: string | undefined, dflt: number, min: number, max: number, unit: string): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new ConfigError(`${name} must be a whole number of ${unit} from ${min} to ${max} (got "${v}")`);
  return n;
}

function parseBool(name: string, v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new ConfigError(`${name} must be true or false (got "${v}")`);
}

function parseMailFrom(v: string | undefined, siteUrl: string | undefined): string {
  if (v !== undefined && v !== '') {
    if (!/^[^\r\n]*<?[^@\s<>]+@[^@\s<>]+>?$/.test(v)) throw new ConfigError(`MAIL_FROM must be an address such as "Khabar <news@example.org>" (got "${v}")`);
    return v;
  }
  let host = 'localhost';
  try {
    if (siteUrl) host = new URL(siteUrl).hostname;
  } catch {
    // SITE_URL itself is validated (and reported) by parseUrl.
  }
  return `Khabar <no-reply@${host}>`;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const secret = env.SECRET ?? null;
  if (secret !== null && secret.length < 32) {
    throw new ConfigError('SECRET must be at least 32 characters (or leave it unset: one is generated and kept in the database)');
  }
  const s3 = parseS3Connection(env);
  const config: Config = {
    port: parsePort(env.PORT),
    host: env.HOST || '0.0.0.0',
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    siteUrl: parseUrl('SITE_URL', env.SITE_URL, ['http:', 'https:']),
    redisUrl: parseUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    purge: parsePurge(env),
    cacheSMaxAge: parseWhole('CACHE_S_MAXAGE', env.CACHE_S_MAXAGE, 300, 0, 31_536_000, 'seconds'),
    databasePoolSize: parseWhole('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10, 1, 1000, 'connections'),
    commentsPerMinute: parseWhole('COMMENTS_PER_MINUTE', env.COMMENTS_PER_MINUTE, 600, 1, 10_000_000, 'comments'),
    databaseStatementTimeoutMs: parseWhole('DATABASE_STATEMENT_TIMEOUT', env.DATABASE_STATEMENT_TIMEOUT, 30_000, 0, 3_600_000, 'milliseconds'),
    databaseApplicationName: `khabar@${hostname()}:${process.pid}`.slice(0, 63),
    secret,
    logLevel: env.LOG_LEVEL || 'info',
    demoContent: parseBool('KHABAR_DEMO', env.KHABAR_DEMO, true),
    isProduction: env.NODE_ENV === 'production',
    smtpUrl: parseUrl('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']),
    mailFrom: parseMailFrom(env.MAIL_FROM, env.SITE_URL),
    // Folders are relative to the working directory, like the default SQLite path.
    ...mediaLocation(env, s3),
    s3,
    mediaPublicUrl: parseUrl('MEDIA_PUBLIC_URL', env.MEDIA_PUBLIC_URL, ['https:', 'http:']),
    mediaMaxBytes: parseMediaMaxMb(env.MEDIA_MAX_MB),
    ...overrides,
  };
  return Object.freeze(config);
}

/** The test database: a separate variable, so tests never touch a real site's data. */
export function testDatabaseUrl(env: Env = process.env): string | null {
  const v = env.TEST_DATABASE_URL;
  return v === undefined || v === '' ? null : parseDatabaseUrl(v);
}

export function isCi(env: Env = process.env): boolean {
  return parseBool('CI', env.CI, false);
}

export function chromiumPath(env: Env = process.env): string {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}
