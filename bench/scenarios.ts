import { articleWithComments, commentPost } from './comments.ts';
import type { BenchRequest } from './load.ts';
import type { Fixture } from './seed.ts';

/** What a scenario may use to build its requests: the running site and what was seeded. */
export interface ScenarioContext {
  baseUrl: string;
  /** The server's DATABASE_URL (a scenario may change data between runs, as the newsroom would). */
  databaseUrl: string;
  fixture: Fixture;
  /** The permalink path of a published article, found through its short link `/?p=<id>`. */
  permalink(id: number): Promise<string>;
}

export interface Scenario {
  name: string;
  /** The requests the load generator sends in turn; placeholders ({n}, {ip}: bench/template.ts) make each send differ. */
  requests(ctx: ScenarioContext): Promise<BenchRequest[]>;
  /** Which answers count as success (default: 2xx). A POST that redirects would accept 303. */
  isOk?: (status: number) => boolean;
  /** The goal printed beside the figures; absent for informative scenarios. */
  target?: { rps?: number; p99Ms?: number };
}

// What a browser sends; the site serves a pre-compressed copy of each cached page.
const BROWSER = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html' };
const ARTICLE_SAMPLE = 200;

const articlePage: Scenario = {
  name: 'article page',
  target: { rps: 10_000, p99Ms: 5 },
  async requests(ctx) {
    const { articles } = ctx.fixture;
    const step = Math.max(1, Math.floor(articles.length / ARTICLE_SAMPLE));
    const sample = articles.filter((_, i) => i % step === 0).slice(0, ARTICLE_SAMPLE);
    const paths = [];
    for (const a of sample) paths.push(await ctx.permalink(a.id));
    return paths.map((path) => ({ method: 'GET', path, headers: BROWSER }));
  },
};

const homePage: Scenario = {
  name: 'home page',
  target: { rps: 5_000 },
  requests: async () => [{ method: 'GET', path: '/ar/', headers: BROWSER }],
};

const categoryPage: Scenario = {
  name: 'category page',
  async requests(ctx) {
    return ctx.fixture.categories
      .filter((c) => c.edition === 'ar')
      .map((c) => ({ method: 'GET', path: `/ar/category/${encodeURIComponent(c.slug)}/`, headers: BROWSER }));
  },
};

/** What a WordPress app asks for first: the latest ten posts, as JSON (gzip taken, as apps do). */
const wpApiPosts: Scenario = {
  name: 'wp-json posts',
  target: { rps: 5_000, p99Ms: 5 },
  requests: async () => [{ method: 'GET', path: '/wp-json/wp/v2/posts?per_page=10', headers: { 'accept-encoding': 'gzip', accept: 'application/json' } }],
};

/** Run in this order. Add a scenario by appending it here. */
export const SCENARIOS: Scenario[] = [articlePage, homePage, categoryPage, commentPost, articleWithComments, wpApiPosts];
