import type { LoadResult } from './load.ts';
import type { BenchOptions } from './options.ts';
import type { Scenario } from './scenarios.ts';

export interface Row {
  scenario: Scenario;
  database: BenchOptions['database'];
  result: LoadResult;
  /** The same requests answered by the limit server (bench/limit.ts), measured just before. */
  limit: LoadResult;
  limitRssMiB: number;
  /** Mean time of the first (uncached) request to each distinct URL, sent one at a time. */
  coldMs: number;
  /** Server CPU during the measured run, in % of one core (the load generator shares the machine). */
  cpuPct: number;
  /**
   * CPU time per answer, of Khabar and of the limit: on a machine shared with other work, req/s
   * and p99 move with the neighbours, while the CPU an answer takes moves much less.
   */
  cpuUsPerRequest: number;
  limitCpuUsPerRequest: number;
  rssMiB: number;
}

const HEADERS = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'RSS MiB', 'limit req/s', 'limit p99', 'limit RSS', 'share of limit', 'p99 ÷ limit', 'CPU µs/req', 'limit µs/req', 'by CPU', 'first ms', 'errors/non-2xx', 'CPU', 'goal'];

const share = (r: Row) => r.result.rps / r.limit.rps;
const p99Ratio = (r: Row) => r.result.p99Ms / r.limit.p99Ms;

/**
 * A plain-text table: each scenario beside the limit — the same bytes served from memory by a
 * bare Fastify process — measured in the same run. Latencies as the load generator reports them
 * (autocannon: whole milliseconds; wrk: to the microsecond). "by CPU" is the limit's CPU per
 * answer over Khabar's: the share of the limit's req/s to expect when the server has a core to itself.
 */
export function table(rows: Row[]): string {
  const cells = rows.map((row) => {
    const { scenario, result: r, limit: l, coldMs, cpuPct, rssMiB, limitRssMiB } = row;
    return [
      scenario.name,
      Math.round(r.rps).toLocaleString('en'),
      String(r.p50Ms),
      String(r.p99Ms),
      rssMiB.toFixed(1),
      Math.round(l.rps).toLocaleString('en'),
      String(l.p99Ms),
      limitRssMiB.toFixed(1),
      `${Math.round(share(row) * 100)} %`,
      `${p99Ratio(row).toFixed(2)}×`,
      Math.round(row.cpuUsPerRequest).toLocaleString('en'),
      Math.round(row.limitCpuUsPerRequest).toLocaleString('en'),
      `${Math.round((row.limitCpuUsPerRequest / row.cpuUsPerRequest) * 100)} %`,
      coldMs.toFixed(1),
      failures(r) + (l.failures ? ` (limit: ${failures(l)})` : ''),
      `${Math.round(cpuPct)}%`,
      verdict(row),
    ];
  });
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function failures(r: LoadResult): string {
  return r.failures ? `${r.failures} (${Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(' ')})` : '0';
}

function verdict(row: Row): string {
  const { goal: given } = row.scenario;
  const goal = typeof given === 'function' ? given(row.database) : given;
  if (!goal) return '-';
  const parts: string[] = [];
  let met = row.result.failures === 0;
  if (goal.share !== undefined) {
    parts.push(`≥${Math.round(goal.share * 100)} % of the limit`);
    met &&= share(row) >= goal.share;
  }
  if (goal.p99Ratio !== undefined) {
    parts.push(`p99 ≤${goal.p99Ratio}× the limit's`);
    met &&= p99Ratio(row) <= goal.p99Ratio;
  }
  if (goal.p99Ms !== undefined) {
    parts.push(`p99<${goal.p99Ms} ms`);
    met &&= row.result.p99Ms < goal.p99Ms;
  }
  if (goal.minRps !== undefined) {
    parts.push(`≥${goal.minRps.toLocaleString('en')} req/s`);
    met &&= row.result.rps >= goal.minRps;
  }
  return `${met ? 'met' : 'MISSED'} (${parts.join(', ')})`;
}
