// The part of wpapi 1.x (node-wpapi) the tests use: the package ships no types.
declare module 'wpapi' {
  interface WPRequest {
    get(): Promise<unknown>;
    id(id: number): WPRequest;
    param(name: string, value: unknown): WPRequest;
    perPage(n: number): WPRequest;
    page(n: number): WPRequest;
    search(q: string): WPRequest;
    slug(s: string): WPRequest;
    categories(ids: number[]): WPRequest;
    tags(ids: number[]): WPRequest;
    author(id: number): WPRequest;
    after(d: string | Date): WPRequest;
    before(d: string | Date): WPRequest;
    include(ids: number[]): WPRequest;
    exclude(ids: number[]): WPRequest;
    orderby(o: string): WPRequest;
    order(o: 'asc' | 'desc'): WPRequest;
    embed(): WPRequest;
    post(id: number): WPRequest;
  }
  class WPAPI {
    constructor(options: { endpoint: string });
    posts(): WPRequest;
    pages(): WPRequest;
    categories(): WPRequest;
    tags(): WPRequest;
    users(): WPRequest;
    comments(): WPRequest;
    media(): WPRequest;
    search(): WPRequest;
  }
  export default WPAPI;
}
