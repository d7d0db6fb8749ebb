import { CommentsSection } from './comments.tsx';
import { Card, CardPicture, MostReadList, Pagination } from './parts.tsx';
import type { ArticleVM, ErrorVM, FeaturedImageVM, HomeVM, ListingVM } from './view-models.ts';

export function HomePage({ vm }: { vm: HomeVM }) {
  return (
    <>
      <h1 class="visually-hidden">{vm.heading}</h1>
      {vm.lead && (
        <section class={vm.lead.image ? 'lead has-image' : 'lead'} aria-label={vm.leadLabel}>
          {vm.lead.image && <CardPicture vm={vm.lead.image} layout="lead" eager />}
          <div class="lead-text">
          {vm.lead.category && (
            <a class="kicker" href={vm.lead.category.url}>
              {vm.lead.category.label}
            </a>
          )}
          <h2>
            <a href={vm.lead.url}>{vm.lead.title}</a>
          </h2>
          <p>{vm.lead.excerpt}</p>
          <time class="meta" dateTime={vm.lead.date.iso}>
            {vm.lead.date.text}
          </time>
          </div>
        </section>
      )}
      <div class={vm.sections.length ? 'home-layout with-sections' : 'home-layout'}>
        <section class="latest" aria-labelledby="latest-title">
          <h2 class="section-title" id="latest-title">
            {vm.latestLabel}
          </h2>
          {vm.latest.map((c) => (
            <Card card={c} layout={vm.sections.length ? 'row' : 'grid'} />
          ))}
          <Pagination vm={vm.pagination} />
        </section>
        <div>
          <MostReadList vm={vm.mostRead} />
          {vm.sections.map((s, i) => (
            <section aria-labelledby={`section-${i}`}>
              <h2 class="section-title" id={`section-${i}`}>
                <a href={s.title.url}>{s.title.label}</a>
                <a class="more" href={s.more.url}>
                  {s.more.label}
                </a>
              </h2>
              {s.cards.map((c, i) => (
                <Card card={c} layout="row" image={i === 0} />
              ))}
            </section>
          ))}
        </div>
      </div>
    </>
  );
}

export function ListingPage({ vm }: { vm: ListingVM }) {
  return (
    <>
      <h1 class="page-title">{vm.heading}</h1>
      {vm.intro && <p class="page-intro">{vm.intro}</p>}
      {vm.cards.length ? (
        <div class="grid">
          {vm.cards.map((c, i) => (
            <Card card={c} level={2} eager={i < 2} />
          ))}
        </div>
      ) : (
        <p class="empty">{vm.emptyText}</p>
      )}
      <Pagination vm={vm.pagination} />
    </>
  );
}

/** The lead photo, the page's largest paint: loaded first, its box reserved by width and height. */
function FeaturedImage({ vm }: { vm: FeaturedImageVM }) {
  const img = (
    <img
      src={vm.src}
      srcset={vm.srcset ?? undefined}
      sizes={vm.sizes ?? undefined}
      width={vm.width ?? undefined}
      height={vm.height ?? undefined}
      alt={vm.alt}
      fetchpriority="high"
      decoding="async"
    />
  );
  return (
    <figure class="featured-image">
      {vm.sources.length ? (
        <picture>
          {vm.sources.map((s) => (
            <source type={s.type} srcset={s.srcset} sizes={vm.sizes ?? undefined} />
          ))}
          {img}
        </picture>
      ) : (
        img
      )}
      {(vm.caption || vm.credit) && (
        <figcaption>
          {vm.caption}
          {vm.caption && vm.credit && ' '}
          {vm.credit && <span class="credit">{vm.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}

export function ArticlePage({ vm }: { vm: ArticleVM }) {
  return (
    <>
      <article class="article" id={`post-${vm.id}`}>
        <header class="article-header">
          {vm.category && (
            <a class="kicker" href={vm.category.url}>
              {vm.category.label}
            </a>
          )}
          <h1>{vm.title}</h1>
          <time class="dateline" dateTime={vm.date.iso}>
            {vm.date.text}
          </time>
          {vm.hijriDate && <span class="dateline">{vm.hijriDate}</span>}
          {vm.updated && (
            <span class="dateline updated">
              {vm.updated.label}: <time dateTime={vm.updated.date.iso}>{vm.updated.date.text}</time>
            </span>
          )}
          {vm.authors.length > 0 && (
            <p class="byline">
              {vm.byLabel}{' '}
              {vm.authors.map((a, i) => (
                <>
                  {i > 0 && vm.listSeparator}
                  <a href={a.url} rel="author">
                    {a.label}
                  </a>
                </>
              ))}
              {vm.categories.length > 0 && (
                <>
                  {' '}
                  {vm.inLabel}{' '}
                  {vm.categories.map((c, i) => (
                    <>
                      {i > 0 && vm.listSeparator}
                      <a href={c.url}>{c.label}</a>
                    </>
                  ))}
                </>
              )}
            </p>
          )}
          {vm.translations.length > 0 && (
            <p class="translations">
              {vm.translationsLabel}
              {vm.translations.map((t) => (
                <a href={t.url} lang={t.lang} hrefLang={t.lang}>
                  {t.label}
                </a>
              ))}
            </p>
          )}
        </header>
        {vm.featuredImage && <FeaturedImage vm={vm.featuredImage} />}
        <div class="article-body" dangerouslySetInnerHTML={{ __html: vm.bodyHtml }} />
        <ul class="share">
          <li>{vm.shareLabel}</li>
          {vm.share.map((s) => (
            <li>
              <a
                href={s.url}
                class={`share-${s.kind}`}
                rel={s.kind === 'copy' ? undefined : 'noopener nofollow'}
                target={s.kind === 'copy' || s.kind === 'email' ? undefined : '_blank'}
                data-copy={s.kind === 'copy' ? '' : undefined}
                data-copied={s.kind === 'copy' ? vm.copiedLabel : undefined}
              >
                {s.label}
              </a>
            </li>
          ))}
        </ul>
        {vm.tags.length > 0 && (
          <ul class="tags" aria-label={vm.tagsLabel}>
            <li>{vm.tagsLabel}:</li>
            {vm.tags.map((t) => (
              <li>
                <a href={t.url} rel="tag">
                  {t.label}
                </a>
              </li>
            ))}
          </ul>
        )}
      </article>
      <MostReadList vm={vm.mostRead} />
      {vm.related.length > 0 && (
        <section class="related" aria-labelledby="related-title">
          <h2 class="section-title" id="related-title">
            {vm.relatedLabel}
          </h2>
          <div class="grid">
            {vm.related.map((c) => (
              <Card card={c} />
            ))}
          </div>
        </section>
      )}
      {vm.comments && <CommentsSection vm={vm.comments} />}
    </>
  );
}

export function ErrorPage({ vm }: { vm: ErrorVM }) {
  return (
    <div class="error-page">
      <h1>{vm.title}</h1>
      <p>{vm.body}</p>
      <p>
        <a href={vm.home.url}>{vm.home.label}</a>
      </p>
    </div>
  );
}
