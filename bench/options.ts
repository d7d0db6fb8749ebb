import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LoadGenerator } from './load.ts';

export interface BenchOptions {
  articles: number;
  /** Seconds of measured load per scenario. */
  duration: number;
  connections: number;
  database: 'sqlite' | 'postgres';
  /** Scenario names to run (all when empty). */
  only: string[];
  /** What sends the requests: wrk (C, `apt-get install wrk`) keeps up with the server on 2 cores; autocannon (Node) may not. */
  load: LoadGenerator;
  /** Which one and why, for the log: chosen, found on PATH, or the fallback. */
  loadNote: string;
}

const LIMITS = { articles: [1, 200_000], duration: [1, 120], connections: [1, 256] } as const;

/** Flags win over environment variables (BENCH_ARTICLES, BENCH_DURATION, …), which win over defaults. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      database: { type: 'string' },
      only: { type: 'string' },
      load: { type: 'string' },
    },
  });
  const database = values.database ?? env.BENCH_DATABASE ?? 'sqlite';
  if (database !== 'sqlite' && database !== 'postgres') throw new Error(`--database must be sqlite or postgres (got "${database}")`);
  const only = (values.only ?? env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const { load, loadNote } = loadGenerator(values.load ?? env.BENCH_LOAD, env.PATH);
  return {
    articles: whole('articles', values.articles ?? env.BENCH_ARTICLES, 10_000),
    duration: whole('duration', values.duration ?? env.BENCH_DURATION, 10),
    connections: whole('connections', values.connections ?? env.BENCH_CONNECTIONS, 16),
    database,
    only,
    load,
    loadNote,
  };
}

/** Default: wrk when it is installed, since autocannon caps the figures of bigger pages here. */
function loadGenerator(chosen: string | undefined, path: string | undefined): { load: LoadGenerator; loadNote: string } {
  const wrk = onPath('wrk', path);
  if (chosen === 'wrk') {
    if (!wrk) throw new Error('--load wrk: wrk not found on PATH (apt-get install wrk)');
    return { load: 'wrk', loadNote: 'load generator: wrk (chosen)' };
  }
  if (chosen === 'autocannon') return { load: 'autocannon', loadNote: 'load generator: autocannon (chosen)' };
  if (chosen !== undefined && chosen !== '') throw new Error(`--load must be wrk or autocannon (got "${chosen}")`);
  return wrk
    ? { load: 'wrk', loadNote: 'load generator: wrk (found on PATH; --load autocannon for the other)' }
    : { load: 'autocannon', loadNote: 'wrk not found (apt-get install wrk); using autocannon' };
}

function onPath(name: string, path: string | undefined): boolean {
  return (path ?? '').split(delimiter).filter(Boolean).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return statSync(join(dir, name)).isFile();
    } catch {
      return false;
    }
  });
}

function whole(name: keyof typeof LIMITS, v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  const [min, max] = LIMITS[name];
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${v}")`);
  return n;
}
