import type { LoadResult } from './load.ts';
import type { Scenario } from './scenarios.ts';

export interface Row {
  scenario: Scenario;
  result: LoadResult;
  /** Mean time of the first (uncached) request to each distinct URL, sent one at a time. */
  coldMs: number;
  /** Server CPU during the measured run, in % of one core (the load generator shares the machine). */
  cpuPct: number;
  rssMiB: number;
}

const HEADERS = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'first ms', 'requests', 'errors/non-2xx', 'server CPU', 'server RSS MiB', 'target'];

/** A plain-text table; latencies as the load generator reports them (autocannon: whole milliseconds; wrk: to the microsecond). */
export function table(rows: Row[]): string {
  const cells = rows.map(({ scenario, result: r, coldMs, cpuPct, rssMiB }) => [
    scenario.name,
    Math.round(r.rps).toLocaleString('en'),
    String(r.p50Ms),
    String(r.p99Ms),
    coldMs.toFixed(1),
    r.total.toLocaleString('en'),
    r.failures ? `${r.failures} (${Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(' ')})` : '0',
    `${Math.round(cpuPct)}%`,
    rssMiB.toFixed(1),
    verdict(scenario, r),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function verdict(s: Scenario, r: LoadResult): string {
  if (!s.target) return '-';
  const goals: string[] = [];
  let met = r.failures === 0;
  if (s.target.rps !== undefined) {
    goals.push(`≥${s.target.rps.toLocaleString('en')} req/s`);
    met &&= r.rps >= s.target.rps;
  }
  if (s.target.p99Ms !== undefined) {
    goals.push(`p99<${s.target.p99Ms} ms`);
    met &&= r.p99Ms < s.target.p99Ms;
  }
  return `${met ? 'met' : 'MISSED'} (${goals.join(', ')})`;
}
