import type { Clock } from '../../platform/clock.ts';
import { paragraphsToHtml } from '../../platform/html/sanitize.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { demoArticles, demoAuthors, demoCategories } from '../../demo/content.ts';
import type { ArticleService } from '../articles/articles.ts';
import { demoFeaturedImage } from './seed-pictures.ts';

const SEEDED_KEY = 'demo_seeded_at';

/**
 * Fills a new site with Khabar's own demo content (authors, sections, articles in both
 * editions). Runs once: never on a site that already has articles or was seeded before.
 */
export async function seedDemoContent(deps: { repos: Repositories; articles: ArticleService; clock: Clock }): Promise<number> {
  const { repos, articles, clock } = deps;
  if (await repos.settings.get(SEEDED_KEY)) return 0;
  if (await repos.articles.count()) return 0;

  const now = clock.now().toISOString();
  // The articles' own saves say what they invalidate (published: their pages, lists and feeds).
  await repos.write(async (tx, touch) => {
    const hasEnglish = (await repos.editions.all(tx)).some((e) => e.code === 'en');
    for (const a of demoAuthors) {
      const id = await repos.users.upsert(tx, { email: a.email, slug: a.slug, name: a.name, role: 'author', bio: a.bio, passwordHash: null }, now);
      // The English edition's bylines say "Laila Haddad", not «ليلى حداد».
      if (hasEnglish) await repos.users.setEditionProfiles(tx, id, [{ edition: 'en', ...a.en }]);
    }
    for (const [i, c] of demoCategories.entries()) {
      await repos.taxonomies.upsertCategory(tx, { edition: c.edition, slug: c.slug, name: c.name, description: c.description, position: i });
    }
    for (const a of demoArticles) {
      await articles.save(
        {
          id: a.id,
          edition: a.edition,
          title: a.title,
          excerpt: a.excerpt,
          bodyHtml: paragraphsToHtml(a.paragraphs),
          publishedAt: a.publishedAt,
          status: 'published',
          commentStatus: a.commentsOpen ? 'open' : 'closed',
          translationGroup: a.translationGroup ?? null,
          authorSlugs: a.authors,
          categorySlugs: [a.category],
          tagNames: a.tags,
          // Its files are drawn afterwards (seedDemoPictures): the address is known now.
          featuredImage: demoFeaturedImage(a.id, a.edition),
        },
        tx,
        touch,
      );
    }
    await repos.settings.set(SEEDED_KEY, now, tx);
  }, { invalidates: [] });
  return demoArticles.length;
}

/** Was the demo content written on this site (its pictures are then drawn if missing)? */
export async function demoWasSeeded(repos: Repositories): Promise<boolean> {
  return Boolean(await repos.settings.get(SEEDED_KEY));
}
