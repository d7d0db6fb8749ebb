import autocannon, { type Request } from 'autocannon';
import type { BenchRequest, LoadOptions, LoadResult } from './load.ts';
import { instantiate, isTemplated } from './template.ts';

/** autocannon (in this process): each connection cycles through `requests`; placeholders are filled per send. */
export async function autocannonLoad(baseUrl: string, requests: BenchRequest[], opts: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({ url: baseUrl, connections: opts.connections, duration: opts.duration, timeout: 10, requests: requests.map(toAutocannon) });
  const statuses: Record<string, number> = {};
  let rejected = 0;
  let answered = 0;
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) {
    statuses[code] = Number(count);
    answered += Number(count);
    if (!opts.isOk(Number(code))) rejected += Number(count);
  }
  if (r.errors) statuses.errors = r.errors;
  if (r.timeouts) statuses.timeouts = r.timeouts;
  return {
    rps: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    total: answered,
    failures: r.errors + r.timeouts + rejected,
    statuses,
  };
}

function toAutocannon(request: BenchRequest): Request {
  if (!isTemplated(request)) return { ...request };
  // One JS counter for all connections (autocannon runs in this process), so {n} never repeats.
  return { ...request, setupRequest: (req) => ({ ...req, ...instantiate(request) }) };
}
