import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
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
  close(): Promise<void>;
}

/**
 * Varnish on a loopback port with the shipped VCL (deploy/varnish/khabar.vcl), its backend
 * pointed at the test's Khabar. Ready when its child process says it started.
 */
export async function startVarnish(port: number, backendPort: number): Promise<Varnish> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-varnish-'));
  // varnishd drops to its own users, who must read the VCL and write the work folder.
  chmodSync(dir, 0o777);
  const vcl = readFileSync(join(ROOT, 'deploy', 'varnish', 'khabar.vcl'), 'utf8').replace('.port = "3000";', `.port = "${backendPort}";`);
  if (!vcl.includes(`.port = "${backendPort}"`)) throw new Error('the shipped VCL no longer names its backend port as .port = "3000"');
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
  // Varnish counts its backend sick until a health probe (/readyz) has passed: wait for that,
  // asking through Varnish itself, rather than for a length of time.
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${url}/readyz`).catch(() => null);
    await res?.text();
    if (res?.status === 200) break;
    if (attempt >= 300) throw new Error(`Varnish never found its backend healthy (last answer ${res?.status ?? 'none'})\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async close() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
