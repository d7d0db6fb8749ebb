import type { EditionSet } from '../../services/editions/editions.ts';
import type { ArticleView } from './comments-view.ts';
import type { Route } from './router.ts';

/** A route that is answered from the page cache (not a redirect, a refusal, a short link or a search). */
export type PageRoute = Exclude<Route, { kind: 'redirect' | 'badRequest' | 'shortlink' | 'search' }>;

export interface KnownRoute {
  r: PageRoute;
  view: Pick<ArticleView, 'commentPage' | 'replyTo'>;
  /** The page cache's key for it. */
  key: string;
}

/**
 * Where a URL routes and the page-cache key it asks for, remembered per edition set (each content
 * version reads its own), so a cached page costs one lookup rather than parsing its URL again.
 * Bounded: a flood of made-up addresses empties it, it never grows past `max`.
 */
export class KnownRoutes {
  private editions: EditionSet | null = null;
  private readonly map = new Map<string, KnownRoute>();

  constructor(private readonly max = 4000) {}

  get(editions: EditionSet, host: string | undefined, url: string): KnownRoute | undefined {
    if (editions !== this.editions) {
      this.editions = editions;
      this.map.clear();
      return undefined;
    }
    return this.map.get(keyOf(host, url));
  }

  remember(editions: EditionSet, host: string | undefined, url: string, known: KnownRoute): void {
    if (editions !== this.editions) return;
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(keyOf(host, url), known);
  }
}

const keyOf = (host: string | undefined, url: string) => `${host ?? ''} ${url}`;
