/** A page of results, as every archive and list returns it. */
export interface Paged<T> {
  items: T[];
  page: number;      // 1-based
  perPage: number;
  total: number;
  pages: number;
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}
