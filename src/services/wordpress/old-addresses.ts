import type { Repositories } from '../../storage/repositories.ts';
import type { ArticleLocator } from '../../storage/articles.ts';
import { mediaItemUrl } from '../media/media.ts';
import { COMMON_STRUCTURES, matchPermalink, permalinksSettingKey } from './permalinks.ts';
import type { WordpressIds, WordpressKind } from './wordpress-ids.ts';

export type OldArchive = 'category' | 'tag' | 'author';

/** A section, tag or author as an old address names it: by slug (`/category/x/`) or id (`?cat=5`). */
export type ArchiveRef = { archive: OldArchive; slug: string } | { archive: OldArchive; id: number };

/** A post or page as an old address names it: by id (`?p=`, `?page_id=`, `/archives/N`) or by its permalink's path. */
export type PostRef = { id: number; type: 'post' | 'page' } | { segments: string[] };

/**
 * An address of a WordPress site, read from its URL alone (the public router's old-address
 * reader builds it; nothing here is looked up yet).
 */
export type OldAddress =
  | { kind: 'signIn' }
  | { kind: 'sitemap' }
  | { kind: 'home'; page: number }
  | { kind: 'post'; ref: PostRef; commentPage?: number }
  | { kind: 'attachment'; id: number }
  | { kind: 'archive'; ref: ArchiveRef; page: number }
  | { kind: 'date'; year: number; month?: number; day?: number; page: number }
  | { kind: 'search'; q: string }
  | { kind: 'feed'; format: 'rss' | 'atom'; scope: { kind: 'edition' } | { kind: 'siteComments' } | { kind: 'archive'; ref: ArchiveRef } | { kind: 'post'; ref: PostRef } };

/** Where an old address leads on Khabar: the web layer turns it into a URL of the edition. */
export type OldTarget =
  | { kind: 'signIn' }
  | { kind: 'sitemap' }
  | { kind: 'home'; page: number }
  | { kind: 'article'; article: ArticleLocator & { publishedAt: string }; commentPage?: number }
  | { kind: 'archive'; archive: OldArchive; slug: string; page: number }
  | { kind: 'date'; year: number; month?: number; day?: number; page: number }
  | { kind: 'search'; q: string }
  | { kind: 'file'; url: string }
  | {
      kind: 'feed';
      format: 'rss' | 'atom';
      scope: { kind: 'edition' } | { kind: 'siteComments' } | { kind: OldArchive; slug: string } | { kind: 'comments'; article: { slug: string; publishedAt: string } };
    };

const WP_KIND = { category: 'category', tag: 'tag', author: 'user' } as const;

/**
 * What an old WordPress address names on Khabar. Ids are read as the edition's WordPress ids
 * first (an imported site), then as Khabar's own (a site that never came from WordPress, where
 * `?p=` has always been the short link). Nothing found: null, and the reader gets the 404 page.
 */
export class OldAddresses {
  constructor(private readonly deps: { repos: Repositories; wordpressIds: WordpressIds }) {}

  async resolve(edition: string, a: OldAddress): Promise<OldTarget | null> {
    switch (a.kind) {
      case 'signIn':
      case 'sitemap':
      case 'home':
      case 'date':
      case 'search':
        return a;
      case 'post': {
        const article = await this.post(edition, a.ref);
        return article && { kind: 'article', article, ...(a.commentPage !== undefined && { commentPage: a.commentPage }) };
      }
      case 'attachment':
        return this.attachment(edition, a.id);
      case 'archive': {
        const slug = await this.archiveSlug(edition, a.ref);
        return slug === null ? null : { kind: 'archive', archive: a.ref.archive, slug, page: a.page };
      }
      case 'feed': {
        const s = a.scope;
        if (s.kind === 'edition' || s.kind === 'siteComments') return { kind: 'feed', format: a.format, scope: s };
        if (s.kind === 'archive') {
          const slug = await this.archiveSlug(edition, s.ref);
          return slug === null ? null : { kind: 'feed', format: a.format, scope: { kind: s.ref.archive, slug } };
        }
        // A post's own feed is its comments (pages have none on Khabar).
        const article = await this.post(edition, s.ref);
        return article && article.kind !== 'page' ? { kind: 'feed', format: a.format, scope: { kind: 'comments', article } } : null;
      }
    }
  }

  /** The published post or page an id or a permalink names. */
  private async post(edition: string, ref: PostRef): Promise<(ArticleLocator & { publishedAt: string }) | null> {
    if ('id' in ref) return this.postById(edition, ref.id, ref.type === 'page' ? ['page', 'post'] : ['post', 'page']);
    return this.permalink(edition, ref.segments);
  }

  private async postById(edition: string, id: number, kinds: ('post' | 'page')[]): Promise<(ArticleLocator & { publishedAt: string }) | null> {
    const khabarId = await this.khabarId(edition, kinds, id);
    return khabarId === null ? null : published(await this.deps.repos.articles.locate(khabarId));
  }

  /**
   * The Khabar id a public id names: the edition's WordPress id of each kind in turn (`?p=` may
   * name a page, as in WordPress), else Khabar's own. Null past the id columns' range.
   */
  private async khabarId(edition: string, kinds: readonly WordpressKind[], id: number): Promise<number | null> {
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ID) return null;
    for (const kind of kinds) {
      const k = await this.deps.wordpressIds.resolve(edition, kind, id);
      if (k !== id) return k;
    }
    return id;
  }

  /**
   * A permalink under the edition's stored structure, then the common ones: the slugs and ids
   * each structure reads from the path, looked up in that order (a post before a page of the
   * same slug, as WordPress's post rules come before its page rules).
   */
  private async permalink(edition: string, segments: string[]): Promise<(ArticleLocator & { publishedAt: string }) | null> {
    const stored = (await this.deps.repos.settings.get(permalinksSettingKey(edition)))?.trim();
    const structures = stored ? [stored, ...COMMON_STRUCTURES.filter((s) => s !== stored)] : COMMON_STRUCTURES;
    const slugs: string[] = [];
    const ids: number[] = [];
    for (const s of structures) {
      const m = matchPermalink(s, segments);
      if (m?.postname !== undefined && !slugs.includes(m.postname)) slugs.push(m.postname);
      if (m?.postId !== undefined && !ids.includes(m.postId)) ids.push(m.postId);
    }
    // A WordPress page lives at its path under any structure (/parent/child/).
    const last = segments.at(-1);
    if (last !== undefined && !slugs.includes(last)) slugs.push(last);
    const found = await this.deps.repos.oldAddresses.publishedBySlugs(edition, slugs.filter((s) => s.length <= 200));
    for (const slug of slugs) {
      const hit = found.find((l) => l.slug === slug && l.kind !== 'page') ?? found.find((l) => l.slug === slug);
      if (hit) return published(hit);
    }
    for (const id of ids) {
      const hit = await this.postById(edition, id, ['post', 'page']);
      if (hit) return hit;
    }
    return null;
  }

  private async archiveSlug(edition: string, ref: ArchiveRef): Promise<string | null> {
    const { repos } = this.deps;
    if ('slug' in ref) {
      const exists =
        ref.archive === 'category'
          ? await repos.taxonomies.categoryBySlug(edition, ref.slug)
          : ref.archive === 'tag'
            ? await repos.taxonomies.tagBySlug(edition, ref.slug)
            : await repos.users.authorBySlug(ref.slug);
      return exists ? exists.slug : null;
    }
    const id = await this.khabarId(edition, [WP_KIND[ref.archive]], ref.id);
    if (id === null) return null;
    return ref.archive === 'author' ? repos.oldAddresses.authorSlug(id) : repos.oldAddresses.termSlug(ref.archive, edition, id);
  }

  /** An attachment's address leads to its file: Khabar has no page per image, nor a record of the post it was attached to. */
  private async attachment(edition: string, id: number): Promise<OldTarget | null> {
    const mediaId = await this.khabarId(edition, ['attachment'], id);
    const item = mediaId === null ? null : await this.deps.repos.media.byId(mediaId);
    return item ? { kind: 'file', url: mediaItemUrl(item) } : null;
  }
}

const MAX_ID = 2_147_483_647;

function published(l: ArticleLocator | null): (ArticleLocator & { publishedAt: string }) | null {
  return l && l.status === 'published' && l.publishedAt ? { ...l, publishedAt: l.publishedAt } : null;
}
