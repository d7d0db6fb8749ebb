import { openRuntime } from '../src/cli/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { SearchService } from '../src/services/search/search.ts';
const rt = await openRuntime(loadConfig({ DATABASE_URL: `sqlite:${process.argv[2]}`, KHABAR_DEMO: 'false' }));
const s = new SearchService({ repos: rt.repos, clock: rt.clock });
const qs = ['السعودية', 'الملك', 'وزير الخارجية', 'روسيا', 'وبمديري بموعده', 'ووحملة ووالامانات', 'أسعار النفط في الأسواق'];
for (const q of qs) await s.search({ edition: 'ar', locale: 'ar', query: q, page: 1, perPage: 10 });
const origC = rt.repos.search.candidates.bind(rt.repos.search);
const origD = rt.repos.search.documentCounts.bind(rt.repos.search);
let tc = 0, td = 0;
rt.repos.search.candidates = async (q) => { const t = performance.now(); const r = await origC(q); tc += performance.now() - t; return r; };
rt.repos.search.documentCounts = async (a, b) => { const t = performance.now(); const r = await origD(a, b); td += performance.now() - t; return r; };
for (const q of qs) {
  tc = td = 0;
  const t = performance.now();
  const cpu = process.cpuUsage();
  let r;
  for (let i = 0; i < 5; i++) r = await s.search({ edition: 'ar', locale: 'ar', query: q, page: 1, perPage: 10 });
  const c = process.cpuUsage(cpu);
  console.log(q, ((performance.now() - t) / 5).toFixed(1), 'ms; cpu', ((c.user + c.system) / 5000).toFixed(1), 'ms; candidates', (tc / 5).toFixed(1), 'counts', (td / 5).toFixed(1), 'total', r!.total, r!.capped);
}
await rt.close();
