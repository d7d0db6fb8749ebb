import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * A worker thread running the module at `moduleUrl` (its own `import.meta.url`), which starts its
 * work when it sees its role in `workerData`. In dist/ that module is part of the bundle, which
 * the worker loads whole. From the sources (tests run them with tsx) the worker loads tsx first:
 * a worker thread does not inherit the loader.
 */
export function moduleWorker(moduleUrl: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const source = moduleUrl.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(moduleUrl)}))`
    : null;
  return new Worker(source ?? new URL(moduleUrl), { ...(source !== null && { eval: true }), workerData, ...(resourceLimits && { resourceLimits }) });
}
