import { fixedClock } from '../../src/platform/clock.ts';
import { MemoryMailer } from '../../src/platform/mailer.ts';
import { CommentService } from '../../src/services/comments/comments.ts';
import { SEED_LIKE_ID, SEED_LIKE_SLUG, writeNewsroom } from '../fixtures/newsroom.ts';
import { testSite, type TestSite } from './app.ts';

export const AR_ARTICLE = `/ar/2022/02/25/${encodeURIComponent(SEED_LIKE_SLUG)}/`;
export const AR_ARTICLE_ID = SEED_LIKE_ID;
export const EN_ARTICLE = '/en/2022/02/25/delegation-signs-a-12-point-memorandum-in-riyadh/';
export const EN_ARTICLE_ID = 2;

export interface CommentSite extends TestSite {
  clock: ReturnType<typeof fixedClock>;
  mailer: MemoryMailer;
  comments: CommentService;
  /** GETs the page (with cookies), returns its HTML and form token. */
  page(url: string, cookies?: Record<string, string>): Promise<{ status: number; html: string; token: string; headers: Record<string, unknown> }>;
  /** Fills the form on `url` like a person: gets the page, waits 5 s (on the test clock), posts. */
  post(fields: Record<string, string>, o?: { url?: string; articleId?: number; ip?: string; origin?: string | null; wait?: number; json?: boolean; token?: string }): Promise<PostResult>;
}

export interface PostResult {
  status: number;
  location: string | undefined;
  body: string;
  cookies: Record<string, string>;
  headers: Record<string, unknown>;
}

let ipCounter = 1;

/** The test newsroom, a test clock (posts need the fill time to pass) and an in-memory mailer. */
export async function commentSite(options: { sqliteFile?: string; databaseUrl?: string } = {}): Promise<CommentSite> {
  const clock = fixedClock('2024-05-01T09:00:00Z');
  const mailer = new MemoryMailer();
  const site = await testSite({ clock, mailer, ...options });
  await writeNewsroom(site);
  const comments = new CommentService({ repos: site.repos, clock, secret: site.secret });
  const inject = site.app.fastify.inject.bind(site.app.fastify);

  const page: CommentSite['page'] = async (url, cookies = {}) => {
    const res = await inject({ url, cookies });
    const token = /name="form_token" value="([^"]*)"/.exec(res.body)?.[1] ?? '';
    return { status: res.statusCode, html: res.body, token, headers: res.headers };
  };

  const post: CommentSite['post'] = async (fields, o = {}) => {
    const url = o.url ?? AR_ARTICLE;
    const token = o.token ?? (await page(url)).token;
    clock.advance(o.wait ?? 5000);
    const payload = new URLSearchParams({
      comment_post_ID: String(o.articleId ?? AR_ARTICLE_ID),
      comment_parent: '0',
      url: '',
      reference_code: '',
      form_token: token,
      ...fields,
    }).toString();
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (o.origin !== null) headers.origin = o.origin ?? 'http://news.test';
    if (o.json) headers.accept = 'application/json';
    const res = await inject({ method: 'POST', url: '/wp-comments-post.php', headers, payload, remoteAddress: o.ip ?? `10.0.0.${ipCounter++ % 250}` });
    const cookies: Record<string, string> = {};
    for (const c of res.cookies) cookies[c.name] = c.value;
    return { status: res.statusCode, location: res.headers.location as string | undefined, body: res.body, cookies, headers: res.headers };
  };

  return { ...site, clock, mailer, comments, page, post };
}

export const reader = (n = 1) => ({ author: `قارئ ${n}`, email: `reader${n}@example.org` });

/** Text content of an HTML fragment (tags dropped, the entities Preact writes decoded). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The comment section of a page. */
export function section(html: string): string {
  const at = html.indexOf('<section id="comments"');
  return at < 0 ? '' : html.slice(at, html.indexOf('</section>', at) + '</section>'.length);
}
