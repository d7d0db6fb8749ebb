import autocannon, { type Request } from 'autocannon';

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  /** Connection errors, timeouts and answers the scenario does not accept. */
  failures: number;
  statuses: Record<string, number>;
}

/** One autocannon run on loopback; each connection cycles through `requests`. */
export async function load(baseUrl: string, requests: Request[], opts: { connections: number; duration: number; isOk: (s: number) => boolean }): Promise<LoadResult> {
  if (!new URL(baseUrl).hostname.startsWith('127.')) throw new Error(`the benchmark only loads loopback addresses (got ${baseUrl})`);
  const r = await autocannon({ url: baseUrl, connections: opts.connections, duration: opts.duration, timeout: 10, requests });
  const statuses: Record<string, number> = {};
  let rejected = 0;
  let answered = 0;
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) {
    statuses[code] = Number(count);
    answered += Number(count);
    if (!opts.isOk(Number(code))) rejected += Number(count);
  }
  return {
    rps: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    total: answered,
    failures: r.errors + r.timeouts + rejected,
    statuses,
  };
}
