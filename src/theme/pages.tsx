import { CommentsSection } from './comments.tsx';
import { BreakingBadge, Card, CardKicker, CardPicture, MostReadList, Pagination } from './parts.tsx';
import type { ArticleVM, ErrorVM, FeaturedImageVM, HomeVM, ListingVM, ShareLinkVM } from './view-models.ts';

export function HomePage({ vm }: { vm: HomeVM }) {
  return (
    <>
      <h1 class="visually-hidden">{vm.heading}</h1>
      {vm.breaking && (
        <section class="breaking-strip" aria-labelledby="breaking-title">
          <h2 id="breaking-title" class="breaking-badge">
            {vm.breaking.label}
          </h2>
          <ul>
            {vm.breaking.items.map((i) => (
              <li>
                <a href={i.url}>{i.label}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {vm.lead && (
        <section class={vm.lead.image ? 'lead has-image' : 'lead'} aria-label={vm.leadLabel}>
          {vm.lead.image && <CardPicture vm={vm.lead.image} layout="lead" eager />}
          <div class="lead-text">
          <CardKicker card={vm.lead} />
          <h2>
            <BreakingBadge text={vm.lead.breaking} />
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
                <Card card={c} layout="grid" image={i === 0} />
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
      {vm.photo ? (
        <header class="author-head">
          <img class="author-photo" src={vm.photo.src} alt={vm.photo.alt} width={String(vm.photo.size)} height={String(vm.photo.size)} />
          <div>
            <h1 class="page-title">{vm.heading}</h1>
            {vm.intro && <p class="page-intro">{vm.intro}</p>}
          </div>
        </header>
      ) : (
        <>
          <h1 class="page-title">{vm.heading}</h1>
          {vm.intro && <p class="page-intro">{vm.intro}</p>}
        </>
      )}
      {vm.cards.length ? (
        <div class="grid listing-grid">
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
      class={vm.focus}
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

/** Each network's mark, drawn inline (no request, no third-party script); the label says the name. */
const SHARE_ICONS: Record<ShareLinkVM['kind'], string> = {
  whatsapp: 'M12 3a9 9 0 0 0-7.8 13.5L3 21l4.6-1.2A9 9 0 1 0 12 3zm-3 5c.3 0 .6 0 .8.5l.8 1.8c0 .3 0 .5-.2.7l-.5.6c.8 1.5 2 2.6 3.5 3.3l.7-.7c.2-.2.4-.3.7-.2l1.8.8c.3.2.4.4.3.7-.2 1.2-1.2 1.8-2.3 1.7-3.5-.5-6.3-3.3-6.8-6.8-.1-1 .4-2 1.2-2.4z',
  telegram: 'M21 4 2.8 11.1c-.9.4-.8 1.6.1 1.9l4.6 1.4 1.8 5.6c.2.7 1.1.9 1.6.3l2.6-2.6 4.6 3.4c.6.4 1.4.1 1.6-.6L22.2 5.2c.2-.8-.5-1.5-1.2-1.2zM9.5 14.2l8.7-7.4-7 8.4-.3 3-1.4-4z',
  x: 'M4 3h4.5l4 5.6L17.3 3H20l-6.2 7.3L21 21h-4.5l-4.5-6.3L6.6 21H4l6.7-7.8z',
  facebook: 'M13.5 21v-7.5H16l.5-3h-3V8.6c0-.9.3-1.6 1.6-1.6h1.6V4.3c-.3 0-1.3-.1-2.4-.1-2.4 0-3.9 1.4-3.9 4v2.3H7.8v3h2.6V21z',
  email: 'M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2.2V17h16V7.2l-8 5.3zM5.4 7l6.6 4.4L18.6 7z',
  copy: 'M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0zM8.5 11.3l-2.1 2.1a3 3 0 0 0 4.2 4.2l2.1-2.1 1.4 1.4-2.1 2.1a5 5 0 0 1-7-7l2.1-2.1zm7-7a5 5 0 0 1 7 7l-2.1 2.1-1.4-1.4 2.1-2.1a3 3 0 0 0-4.2-4.2L14.8 7.8 13.4 6.4z',
};

function ShareIcon({ kind }: { kind: ShareLinkVM['kind'] }) {
  return (
    <svg class="share-icon" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={SHARE_ICONS[kind]} fill="currentColor" />
    </svg>
  );
}

export function ArticlePage({ vm }: { vm: ArticleVM }) {
  return (
    <>
      <article class="article" id={`post-${vm.id}`} data-view-beacon={vm.viewBeacon}>
        {vm.viewBeacon && (
          <noscript>
            <img class="view-beacon" src={vm.viewBeacon} alt="" width={1} height={1} />
          </noscript>
        )}
        <header class="article-header">
          {vm.category && (
            <a class="kicker" href={vm.category.url}>
              {vm.category.label}
            </a>
          )}
          {(vm.kicker || vm.breaking) && (
            <p class="story-kicker">
              <BreakingBadge text={vm.breaking} />
              {vm.kicker}
            </p>
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
          {vm.comments?.headline && (
            <p class="comments-link">
              <a href={vm.comments.headline.url}>{vm.comments.headline.label}</a>
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
                <ShareIcon kind={s.kind} />
                <span>{s.label}</span>
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
