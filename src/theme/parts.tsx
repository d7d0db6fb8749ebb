import type { CardVM, MostReadVM, NavItemVM, PaginationVM } from './view-models.ts';

export function Card({ card, level = 3 }: { card: CardVM; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <article class="card">
      {card.category && (
        <a class="kicker" href={card.category.url}>
          {card.category.label}
        </a>
      )}
      <Heading>
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
      {card.excerpt && <p>{card.excerpt}</p>}
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
