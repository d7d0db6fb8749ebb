import { openRuntime } from '../../src/cli/bootstrap.ts';
import type { Config } from '../../src/config.ts';
import type { Role } from '../../src/domain/user.ts';
import { MemoryMailer } from '../../src/platform/mailer.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { AccountService } from '../../src/services/users/accounts.ts';
import type { HashCost } from '../../src/services/users/passwords.ts';
import { createServices } from '../../src/services/services.ts';
import { buildApp, type App } from '../../src/web/app.ts';
import { loadAssets } from '../../src/web/assets.ts';
import { testRuntime, type TestRuntime } from './runtime.ts';

/** argon2id at a test-only cost: the suite hashes dozens of passwords on 2 cores. */
export const CHEAP_HASH: HashCost = { memoryCost: 256, timeCost: 1 };
export const PASSWORD = 'correct horse battery';

let assets: ReturnType<typeof loadAssets> | undefined;

export interface AdminSite extends TestRuntime {
  app: App;
  mailer: MemoryMailer;
  /** Creates an account (cheap hash) with PASSWORD; returns its id and e-mail. */
  user(role: Role, name?: string): Promise<{ id: number; email: string; slug: string }>;
}

export async function adminSite(options: { clock?: Clock; siteUrl?: string; databaseUrl?: string; sqliteFile?: string; config?: Partial<Config> } = {}): Promise<AdminSite> {
  const rt = await testRuntime({
    ...(options.clock && { clock: options.clock }),
    ...(options.databaseUrl && { databaseUrl: options.databaseUrl }),
    ...(options.sqliteFile && { sqliteFile: options.sqliteFile }),
    config: { siteUrl: options.siteUrl ?? 'http://news.test', ...options.config },
  });
  assets ??= loadAssets();
  const mailer = new MemoryMailer();
  const services = createServices({ config: rt.config, repos: rt.repos, clock: rt.clock, secret: rt.secret, mailer });
  const app = await buildApp({ services, assets });
  const accounts = new AccountService({ repos: rt.repos, clock: rt.clock, hashCost: CHEAP_HASH });
  return {
    ...rt,
    app,
    mailer,
    user: async (role, name) => {
      const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`;
      const { account } = await accounts.create({ email, name: name ?? `${role} user`, role, password: PASSWORD });
      return { id: account.id, email, slug: account.slug };
    },
    close: async () => {
      await app.fastify.close();
      await rt.close();
    },
  };
}

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
}

/**
 * Another instance of the same site: its own process state (services, app, database connections)
 * over the same database — what a second machine behind the load balancer is. SQLite needs the
 * site opened on a file (`sqliteFile`).
 */
export async function anotherInstance(s: AdminSite, clock?: Clock): Promise<{ app: App; close(): Promise<void> }> {
  const rt = await openRuntime(s.config, { ...(s.schema && { schema: s.schema }), ...(clock && { clock }) });
  const services = createServices({ config: rt.config, repos: rt.repos, clock: rt.clock, secret: rt.secret, mailer: new MemoryMailer() });
  const app = await buildApp({ services, assets: assets ?? loadAssets() });
  return { app, close: async () => { await app.fastify.close(); await rt.close(); } };
}

/** A browser-like client over inject: keeps cookies, reads the CSRF token from each page. */
export class Agent {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(
    private readonly app: App,
    private readonly ip = '127.0.0.1',
    /** Sent with every request (a User-Agent, an X-Forwarded-For). */
    private readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: { headers: Answer['headers']; body: string }): void {
    const set = res.headers['set-cookie'];
    for (const c of Array.isArray(set) ? set : set ? [String(set)] : []) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const m = res.body.match(/name="_csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1]!;
  }

  async get(url: string): Promise<Answer> {
    const res = await this.app.fastify.inject({ method: 'GET', url, remoteAddress: this.ip, headers: { ...this.headers, cookie: this.cookieHeader() } });
    const a = { status: res.statusCode, body: res.body, headers: res.headers };
    this.remember(a);
    return a;
  }

  /** POSTs a form (with this agent's CSRF token unless `_csrf` is given). */
  async post(url: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Answer> {
    const body = new URLSearchParams();
    if (!('_csrf' in form)) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = await this.app.fastify.inject({
      method: 'POST',
      url,
      remoteAddress: this.ip,
      headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: body.toString(),
    });
    const a = { status: res.statusCode, body: res.body, headers: res.headers };
    this.remember(a);
    return a;
  }

  async login(email: string, password = PASSWORD): Promise<Answer> {
    await this.get('/admin/login');
    return this.post('/admin/login', { email, password });
  }
}

/** A new account of `role` and an agent logged in as it. */
export async function loggedIn(s: AdminSite, role: Role, name?: string) {
  const u = await s.user(role, name);
  const a = new Agent(s.app);
  await a.login(u.email);
  return { ...u, a };
}

/** An article's stored row, as the database has it. */
export const articleRow = (s: AdminSite, id: number) => s.repos.db.kysely.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The fields a browser would send from the page's form `#<formId>` (inputs, textareas, chosen options). */
export function formFields(html: string, formId = 'article-form'): Record<string, string | string[]> {
  const start = html.indexOf(`<form id="${formId}"`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out: Record<string, string | string[]> = {};
  const add = (k: string, v: string) => {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  };
  const unescape = (v: string) => v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    const type = /type="([^"]*)"/.exec(attrs)?.[1] ?? 'text';
    if (!name) continue;
    if ((type === 'checkbox' || type === 'radio') && !/ checked/.test(attrs)) continue;
    add(name, unescape(/value="([^"]*)"/.exec(attrs)?.[1] ?? ''));
  }
  for (const m of form.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(m[1]!, unescape(m[2]!));
  for (const m of form.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? '';
    add(m[1]!, chosen);
  }
  return out;
}
