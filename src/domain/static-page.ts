/** A static page (about, contact): an article of kind 'page', outside the news flow, at /<edition>/<slug>/. */
export interface StaticPage {
  id: number;
  edition: string;
  slug: string;
  title: string;
  excerpt: string;
  /** Sanitised HTML (written through ArticleService's sanitiser like every article body). */
  bodyHtml: string;
  status: string;
  updatedAt: string;
}
