import type { CardImageVM, CardVM, MostReadVM, NavItemVM, PaginationVM } from './view-models.ts';

/** How wide a card's photo is shown, by where the card sits (the browser picks a file from it). */
export const CARD_SIZES = {
  lead: '(min-width: 74rem) 43rem, (min-width: 48rem) 58vw, calc(100vw - 2rem)',
  grid: '(min-width: 60rem) 18rem, (min-width: 36rem) 45vw, calc(100vw - 2rem)',
  row: '(min-width: 40rem) 12rem, 8rem',
} as const;

export type CardLayout = keyof typeof CARD_SIZES;

/**
 * A card's photo in its frame: AVIF and WebP first, the box reserved by width and height.
 * Below the fold it waits (`lazy`); the lead story's is the page's largest paint, fetched first.
 */
export function CardPicture({ vm, layout, eager = false }: { vm: CardImageVM; layout: CardLayout; eager?: boolean }) {
  const sizes = vm.srcset ? CARD_SIZES[layout] : undefined;
  return (
    <picture class="card-image">
      {vm.sources.map((s) => (
        <source type={s.type} srcset={s.srcset} sizes={sizes} />
      ))}
      <img
        src={vm.src}
        srcset={vm.srcset ?? undefined}
        sizes={sizes}
        width={vm.width}
        height={vm.height}
        alt={vm.alt}
        class={vm.focus}
        loading={eager ? undefined : 'lazy'}
        fetchpriority={eager && layout === 'lead' ? 'high' : undefined}
        decoding="async"
      />
    </picture>
  );
}

export function Card({ card, level = 3, layout = 'grid', eager = false, image = true }: { card: CardVM; level?: 2 | 3; layout?: CardLayout; eager?: boolean; image?: boolean }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const picture = image && card.image;
  return (
    <article class={picture ? `card card-${layout} has-image` : 'card'}>
      {picture && <CardPicture vm={card.image!} layout={layout} eager={eager} />}
      <CardKicker card={card} />
      <Heading>
        <BreakingBadge text={card.breaking} />
        <a href={card.url}>{card.title}</a>
      </Heading>
      <p class="meta">
        <time dateTime={card.date.iso}>{card.date.text}</time>
        {card.comments && (
          <>
            {' · '}
            <a href={card.comments.url}>{card.comments.label}</a>
          </>
        )}
      </p>
      {card.excerpt && <p class="excerpt">{card.excerpt}</p>}
    </article>
  );
}

export function Pagination({ vm }: { vm: PaginationVM | null }) {
  if (!vm) return null;
  return (
    <nav class="pagination" aria-label={vm.label}>
      {vm.prev ? <a href={vm.prev.url} rel="prev">{vm.prev.label}</a> : <span />}
      <span class="status">{vm.status}</span>
      {vm.next ? <a href={vm.next.url} rel="next">{vm.next.label}</a> : <span />}
    </nav>
  );
}

/** "Most read": a numbered list of links (the order is the point). */
export function MostReadList({ vm }: { vm: MostReadVM | null | undefined }) {
  if (!vm) return null;
  return (
    <section class="most-read" aria-labelledby="most-read-title">
      <h2 class="section-title" id="most-read-title">
        {vm.label}
      </h2>
      <ol>
        {vm.cards.map((c) => (
          <li>
            <a href={c.url}>{c.title}</a>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Menu entries; the current one is marked for assistive technology and styling. */
export function NavItems({ items }: { items: NavItemVM[] }) {
  return (
    <>
      {items.map((n) => (
        <li>
          <a href={n.url} aria-current={n.current ? 'page' : undefined}>
            {n.label}
          </a>
        </li>
      ))}
    </>
  );
}

/** Above a card's headline: the editors' kicker, else the link to its section. */
export function CardKicker({ card }: { card: CardVM }) {
  if (card.kicker) return <p class="kicker">{card.kicker}</p>;
  return card.category ? (
    <a class="kicker" href={card.category.url}>
      {card.category.label}
    </a>
  ) : null;
}

/** «عاجل» before a breaking story's headline. */
export function BreakingBadge({ text }: { text: string | null }) {
  return text ? (
    <>
      <span class="breaking-badge">{text}</span>{' '}
    </>
  ) : null;
}
