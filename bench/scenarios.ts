import { articleWithComments, commentPost } from './comments.ts';
import type { BenchRequest } from './load.ts';
import type { BenchOptions } from './options.ts';
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
  /**
   * The goal printed beside the figures, against the limit measured in the same run (the share of
   * its req/s, the ratio to its p99) or, for writes, in milliseconds; absent for informative scenarios.
   */
  goal?: Goal | ((database: BenchOptions['database']) => Goal);
}

/** Against the limit (share of its req/s, ratio to its p99), in milliseconds, or in answers a second. */
export interface Goal {
  share?: number;
  p99Ratio?: number;
  p99Ms?: number;
  minRps?: number;
}

/** Every scenario's requests carry Chromium's Accept-Encoding (bench/run.ts sets it on each). */
export const CHROMIUM_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';
// Issue 20's goal for the pages readers ask for most: half the limit's rate, its p99 within 1.5×.
const CLOSE_TO_THE_LIMIT = { share: 0.5, p99Ratio: 1.5 };
const BROWSER = { 'accept-encoding': CHROMIUM_ACCEPT_ENCODING, accept: 'text/html' };
const ARTICLE_SAMPLE = 200;

const articlePage: Scenario = {
  name: 'article page',
  goal: CLOSE_TO_THE_LIMIT,
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
  goal: CLOSE_TO_THE_LIMIT,
  requests: async () => [{ method: 'GET', path: '/ar/', headers: BROWSER }],
};

const categoryPage: Scenario = {
  name: 'category page',
  goal: CLOSE_TO_THE_LIMIT,
  async requests(ctx) {
    return ctx.fixture.categories
      .filter((c) => c.edition === 'ar')
      .map((c) => ({ method: 'GET', path: `/ar/category/${encodeURIComponent(c.slug)}/`, headers: BROWSER }));
  },
};

/** What a WordPress app asks for first: the latest ten posts, as JSON. */
const wpApiPosts: Scenario = {
  name: 'wp-json posts',
  goal: CLOSE_TO_THE_LIMIT,
  requests: async () => [{ method: 'GET', path: '/wp-json/wp/v2/posts?per_page=10', headers: { 'accept-encoding': CHROMIUM_ACCEPT_ENCODING, accept: 'application/json' } }],
};

/** Run in this order. Add a scenario by appending it here. */
export const SCENARIOS: Scenario[] = [articlePage, homePage, categoryPage, commentPost, articleWithComments, wpApiPosts];
