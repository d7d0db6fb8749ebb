import { autocannonLoad } from './load-autocannon.ts';
import { wrkLoad } from './load-wrk.ts';

export type LoadGenerator = 'wrk' | 'autocannon';

/**
 * One request as a scenario describes it, for either load generator. The path, header values
 * and body may hold the placeholders of bench/template.ts ({n}, {ip}); a urlencoded body must
 * already be percent-encoded around them.
 */
export interface BenchRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  generator: LoadGenerator;
  connections: number;
  /** Seconds. */
  duration: number;
  isOk: (status: number) => boolean;
}

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers received. */
  total: number;
  /** Connection errors, timeouts and answers the scenario does not accept. */
  failures: number;
  /** Answers by status code (wrk reports classes only: 2xx/3xx, 4xx/5xx), then socket errors by kind when there were any. */
  statuses: Record<string, number>;
}

/** One run of the chosen generator on loopback; the connections go through `requests` in turn. */
export async function load(baseUrl: string, requests: BenchRequest[], opts: LoadOptions): Promise<LoadResult> {
  if (!new URL(baseUrl).hostname.startsWith('127.')) throw new Error(`the benchmark only loads loopback addresses (got ${baseUrl})`);
  if (!requests.length) throw new Error('no requests to send');
  return opts.generator === 'wrk' ? wrkLoad(baseUrl, requests, opts) : autocannonLoad(baseUrl, requests, opts);
}
