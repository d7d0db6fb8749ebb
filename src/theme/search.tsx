import { Pagination } from './parts.tsx';
import type { DateVM, LinkVM, PaginationVM } from './view-models.ts';

/** A run of text; `hit` runs are the reader's words, shown in <mark> (still escaped by Preact). */
export interface SegmentVM {
  text: string;
  hit: boolean;
}

export interface SearchResultVM {
  url: string;
  title: SegmentVM[];
  snippet: SegmentVM[];
  date: DateVM;
  category: LinkVM | null;
}

export interface SearchVM {
  heading: string;
  form: {
    action: string;
    q: string;
    qLabel: string;
    button: string;
    sectionLabel: string;
    allSections: string;
    sections: { value: string; label: string; selected: boolean }[];
    fromLabel: string;
    from: string;
    toLabel: string;
    to: string;
    sortLabel: string;
    sorts: { value: string; label: string; selected: boolean }[];
  };
  /** "Did you mean": the sentence around a link to the suggested query. */
  suggestion: { before: string; text: string; url: string; after: string } | null;
  resultsLabel: string;
  summary: string | null;
  notice: string | null;
  emptyText: string | null;
  results: SearchResultVM[];
  pagination: PaginationVM | null;
}

function Highlighted({ segments }: { segments: SegmentVM[] }) {
  return <>{segments.map((s) => (s.hit ? <mark>{s.text}</mark> : s.text))}</>;
}

/** The search page: a form that works without JavaScript (GET), then the ranked results. */
export function SearchPage({ vm }: { vm: SearchVM }) {
  const f = vm.form;
  return (
    <>
      <h1 class="page-title">{vm.heading}</h1>
      <form class="search-page-form" role="search" aria-label={f.qLabel} action={f.action} method="get">
        <p class="search-field">
          <label for="search-q">{f.qLabel}</label>
          <input id="search-q" type="search" name="q" value={f.q} maxLength={256} dir="auto" />
          <button type="submit">{f.button}</button>
        </p>
        <p class="search-filters">
          <label>
            {f.sectionLabel}{' '}
            <select name="category">
              <option value="">{f.allSections}</option>
              {f.sections.map((s) => (
                <option value={s.value} selected={s.selected}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {f.fromLabel} <input type="date" name="from" value={f.from} />
          </label>
          <label>
            {f.toLabel} <input type="date" name="to" value={f.to} />
          </label>
          <label>
            {f.sortLabel}{' '}
            <select name="sort">
              {f.sorts.map((s) => (
                <option value={s.value} selected={s.selected}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        </p>
      </form>
      <section aria-label={vm.resultsLabel} class="search-results">
        {vm.summary && <p class="search-summary" role="status">{vm.summary}</p>}
        {vm.notice && <p class="search-notice">{vm.notice}</p>}
        {vm.emptyText && <p class="empty">{vm.emptyText}</p>}
        {vm.suggestion && (
          <p class="search-suggestion">
            {vm.suggestion.before}
            <a href={vm.suggestion.url}>{vm.suggestion.text}</a>
            {vm.suggestion.after}
          </p>
        )}
        {vm.results.map((r) => (
          <article class="card search-result">
            {r.category && (
              <a class="kicker" href={r.category.url}>
                {r.category.label}
              </a>
            )}
            <h2>
              <a href={r.url}>
                <Highlighted segments={r.title} />
              </a>
            </h2>
            <time class="meta" dateTime={r.date.iso}>
              {r.date.text}
            </time>
            <p class="snippet">
              <Highlighted segments={r.snippet} />
            </p>
          </article>
        ))}
      </section>
      <Pagination vm={vm.pagination} />
    </>
  );
}
