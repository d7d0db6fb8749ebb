import type { ArticleInput } from '../src/domain/article.ts';
import { random as seededRandom } from './random.ts';
import type { Runtime } from '../src/cli/bootstrap.ts';
import { paragraphsToHtml } from '../src/platform/html/sanitize.ts';
import { AR, AUTHORS, CATEGORIES, EN, type Vocabulary } from './words.ts';

/** What the scenarios know about the seeded site. */
export interface SeededArticle {
  id: number;
  edition: 'ar' | 'en';
  categorySlug: string;
}

export interface Fixture {
  articles: SeededArticle[];
  categories: { edition: string; slug: string }[];
}

const BATCH = 250;
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

/**
 * Writes `count` published articles through ArticleService.save — the same path as the importer
 * and the newsroom, so slugs, excerpts, sanitised bodies and relations are exactly what a real
 * site stores. Batches share one transaction each: one fsync per batch instead of per article.
 */
export async function seed(rt: Runtime, count: number, onProgress?: (done: number) => void): Promise<Fixture> {
  // Seeded: the same site every run, so figures are comparable.
  const random = seededRandom(20240229);
  const now = rt.clock.now();
  const nowIso = now.toISOString();
  await rt.repos.write(async (tx) => {
    for (const a of AUTHORS) {
      await rt.repos.users.upsert(tx, { email: `${a.slug}@example.org`, slug: a.slug, name: a.name, role: 'author', bio: '', passwordHash: null }, nowIso);
    }
    for (const [position, c] of CATEGORIES.entries()) {
      await rt.repos.taxonomies.upsertCategory(tx, { edition: c.edition, slug: c.slug, name: c.name, description: '', position });
    }
  }, { invalidates: ['edition:ar'] });

  const articles: SeededArticle[] = [];
  // Publication instants spread over the last two years, written oldest first like a real archive.
  const instants = Array.from({ length: count }, () => now.getTime() - 60_000 - Math.floor(random() * TWO_YEARS_MS)).sort((a, b) => a - b);
  let lastArabicGroup: string | null = null;
  for (let start = 0; start < count; start += BATCH) {
    await rt.repos.write(async (tx, touch) => {
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        // About one in five is an English article, most of them a translation of the Arabic one before it.
        const edition = random() < 0.8 ? 'ar' : 'en';
        const group = edition === 'ar' ? `bench-${i}` : random() < 0.7 ? lastArabicGroup : null;
        if (edition === 'ar') lastArabicGroup = group;
        const input = article(random, edition, new Date(instants[i]!).toISOString(), group);
        const id = await rt.articles.save(input, tx, touch);
        articles.push({ id, edition, categorySlug: input.categorySlugs![0]! });
      }
    }, { invalidates: [] });
    onProgress?.(Math.min(count, start + BATCH));
  }
  await rt.repos.refreshStatistics(); // as after an import: the server starts on a planned database
  return { articles, categories: CATEGORIES.map((c) => ({ edition: c.edition, slug: c.slug })) };
}

function article(random: () => number, edition: 'ar' | 'en', publishedAt: string, translationGroup: string | null): ArticleInput {
  const v: Vocabulary = edition === 'ar' ? AR : EN;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const title = [pick(v.subjects), pick(v.verbs), pick(v.objects), pick(v.qualifiers), pick(v.places)].join(' ');
  const paragraphs = Array.from({ length: 3 + Math.floor(random() * 4) }, () => {
    const words = Array.from({ length: 40 + Math.floor(random() * 50) }, () => pick(v.words));
    return `${words.join(' ')}.`;
  });
  const categories = CATEGORIES.filter((c) => c.edition === edition);
  const tags = new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(v.tags)));
  const authors = new Set(Array.from({ length: random() < 0.2 ? 2 : 1 }, () => pick(AUTHORS).slug));
  return {
    edition,
    title,
    bodyHtml: paragraphsToHtml(paragraphs),
    publishedAt,
    status: 'published',
    commentStatus: random() < 0.7 ? 'open' : 'closed',
    translationGroup,
    authorSlugs: [...authors],
    categorySlugs: [pick(categories).slug],
    tagNames: [...tags],
  };
}

