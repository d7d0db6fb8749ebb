/** A static page (about, contact): its title and its body, nothing of the news flow. */
export interface StaticPageVM {
  title: string;
  /** Sanitised on save (ArticleService), like every article body. */
  bodyHtml: string;
}

export function StaticPageView({ vm }: { vm: StaticPageVM }) {
  return (
    <article class="article static-page">
      <header class="article-header">
        <h1>{vm.title}</h1>
      </header>
      <div class="article-body" dangerouslySetInnerHTML={{ __html: vm.bodyHtml }} />
    </article>
  );
}
