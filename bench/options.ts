import { parseArgs } from 'node:util';

export interface BenchOptions {
  articles: number;
  /** Seconds of measured load per scenario. */
  duration: number;
  connections: number;
  database: 'sqlite' | 'postgres';
  /** Scenario names to run (all when empty). */
  only: string[];
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
    },
  });
  const database = values.database ?? env.BENCH_DATABASE ?? 'sqlite';
  if (database !== 'sqlite' && database !== 'postgres') throw new Error(`--database must be sqlite or postgres (got "${database}")`);
  const only = (values.only ?? env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return {
    articles: whole('articles', values.articles ?? env.BENCH_ARTICLES, 10_000),
    duration: whole('duration', values.duration ?? env.BENCH_DURATION, 10),
    connections: whole('connections', values.connections ?? env.BENCH_CONNECTIONS, 16),
    database,
    only,
  };
}

function whole(name: keyof typeof LIMITS, v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  const [min, max] = LIMITS[name];
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${v}")`);
  return n;
}
