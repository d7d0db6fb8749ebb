import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli.ts';

export function varnishdPath(): string {
  return process.env.VARNISHD_PATH || '/usr/sbin/varnishd';
}

/** Debian's varnish and varnish-modules (xkey), as the shipped VCL needs. */
export function varnishMissing(): string | null {
  if (!existsSync(varnishdPath())) return `varnishd not found at ${varnishdPath()} (apt install varnish varnish-modules)`;
  if (!existsSync('/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so') && !existsSync('/usr/lib/varnish/vmods/libvmod_xkey.so')) {
    return 'the xkey vmod is missing (apt install varnish-modules)';
  }
  return null;
}

export interface Varnish {
  url: string;
  /** Varnish's own counters (varnishstat), e.g. MAIN.cache_hit. */
  counters(): Record<string, number>;
  close(): Promise<void>;
}

/**
 * The shipped VCL with its one backend (`khabar1`, port 3000) replaced by one per given port, all
 * in its round-robin director — as an operator adds instances.
 */
export function vclFor(backendPorts: number[]): string {
  const shipped = readFileSync(join(ROOT, 'deploy', 'varnish', 'khabar.vcl'), 'utf8');
  const block = /backend khabar1 \{[\s\S]*?\n\}\n/.exec(shipped)?.[0];
  if (!block || !block.includes('.port = "3000";') || !shipped.includes('khabar.add_backend(khabar1);')) {
    throw new Error('the shipped VCL no longer has its backend khabar1 on port 3000 in the khabar director');
  }
  const backends = backendPorts.map((port, i) => block.replace('khabar1', `khabar${i + 1}`).replace('.port = "3000";', `.port = "${port}";`)).join('\n');
  const adds = backendPorts.map((_, i) => `khabar.add_backend(khabar${i + 1});`).join('\n    ');
  return shipped.replace(block, backends).replace('khabar.add_backend(khabar1);', adds);
}

/**
 * Varnish on a loopback port with the shipped VCL (deploy/varnish/khabar.vcl), its backends
 * pointed at the test's Khabar instances. Ready when its child process says it started and
 * every backend's health probe has passed.
 */
export async function startVarnish(port: number, backendPorts: number | number[]): Promise<Varnish> {
  const ports = Array.isArray(backendPorts) ? backendPorts : [backendPorts];
  const dir = mkdtempSync(join(tmpdir(), 'khabar-varnish-'));
  // varnishd drops to its own users, who must read the VCL and write the work folder.
  chmodSync(dir, 0o777);
  const vcl = vclFor(ports);
  const file = join(dir, 'khabar.vcl');
  writeFileSync(file, vcl);
  chmodSync(file, 0o644);
  const child: ChildProcessWithoutNullStreams = spawn(
    varnishdPath(),
    ['-F', '-a', `127.0.0.1:${port}`, '-f', file, '-n', join(dir, 'work'), '-s', 'malloc,32m', '-T', 'none'],
    { stdio: 'pipe' },
  );
  let log = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d;
      if (/Child \(\d+\) said Child starts/.test(log)) {
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', () => reject(new Error(`varnishd exited:\n${log}`)));
  });
  // Varnish counts a backend sick until its health probe (/readyz) has passed: wait until every
  // backend is healthy, as varnishstat reports it, rather than for a length of time.
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    const healthy = backendsHealthy(join(dir, 'work'), ports.length);
    if (healthy) break;
    if (attempt >= 300) throw new Error(`Varnish never found its backends healthy\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    counters: () => counters(join(dir, 'work'), 'MAIN.*'),
    async close() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Whether all `n` backends count as healthy: varnishstat's `happy` is a bitmap of the latest
 * probes (bit 0 the newest, the initial ones counted good); the shipped probe wants 2 of 3.
 */
function backendsHealthy(workDir: string, n: number): boolean {
  const happy = Object.entries(counters(workDir, 'VBE.*.happy')).filter(([name]) => /\.khabar\d+\.happy$/.test(name)).map(([, v]) => v);
  const good = (bits: number) => [0, 1, 2].filter((i) => (bits >> i) & 1).length;
  return happy.length === n && happy.every((h) => good(h) >= 2);
}

function counters(workDir: string, filter: string): Record<string, number> {
  const r = spawnSync(process.env.VARNISHSTAT_PATH || '/usr/bin/varnishstat', ['-n', workDir, '-1', '-j', '-f', filter], { encoding: 'utf8' });
  if (r.status !== 0) return {};
  const all = (JSON.parse(r.stdout) as { counters?: Record<string, { value: number }> }).counters ?? {};
  return Object.fromEntries(Object.entries(all).map(([k, c]) => [k, c.value]));
}
