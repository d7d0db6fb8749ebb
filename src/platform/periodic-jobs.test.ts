import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { Leader } from './leader.ts';
import { PeriodicJobs } from './periodic-jobs.ts';
import { RedisLink } from './redis.ts';
import { RedisLeader, SoleInstance } from './leader.ts';

class Switch extends EventEmitter implements Leader {
  leading = false;
  isLeader = () => this.leading;
  start(): void {}
  async close(): Promise<void> {}
}

describe('periodic jobs', () => {
  it('run on the leader only, except those that are every instance’s own', async () => {
    const leader = new Switch();
    const jobs = new PeriodicJobs(leader, () => {});
    const ran: string[] = [];
    jobs.add('publish', { every: 60_000, run: async () => void ran.push('publish') });
    jobs.add('own counts', { every: 60_000, run: async () => void ran.push('own counts'), everyInstance: true });
    assert.equal(await jobs.run('publish'), false);
    assert.equal(await jobs.run('own counts'), true);
    leader.leading = true;
    assert.equal(await jobs.run('publish'), true);
    assert.deepEqual(ran, ['own counts', 'publish']);
  });

  it('run at once on an instance that becomes the leader', async () => {
    const leader = new Switch();
    const jobs = new PeriodicJobs(leader, () => {});
    let ran!: () => void;
    const done = new Promise<void>((r) => (ran = r));
    jobs.add('publish', { every: 3_600_000, run: async () => ran() });
    jobs.start();
    try {
      leader.leading = true;
      leader.emit('change', true);
      await done;
    } finally {
      await jobs.stop();
    }
  });

  it('join a run still going instead of starting a second', async () => {
    const jobs = new PeriodicJobs(new SoleInstance(), () => {});
    let runs = 0;
    let finish!: () => void;
    jobs.add('flush', { every: 60_000, run: () => { runs++; return new Promise<void>((r) => (finish = r)); } });
    const first = jobs.run('flush');
    const second = jobs.run('flush');
    finish();
    assert.deepEqual(await Promise.all([first, second]), [true, true]);
    assert.equal(runs, 1);
  });

  it('refuse a name registered twice', () => {
    const jobs = new PeriodicJobs(new SoleInstance(), () => {});
    jobs.add('x', { every: 1, run: async () => {} });
    assert.throws(() => jobs.add('x', { every: 1, run: async () => {} }), /registered twice/);
  });

  it('without a reachable Redis no instance leads (at most one, never two)', async () => {
    // A port nothing listens on: every attempt fails at once.
    const link = new RedisLink('redis://127.0.0.1:1', { warn: () => {}, info: () => {} });
    const leader = new RedisLeader(link, 1000);
    try {
      await leader.tryNow(true);
      assert.equal(leader.isLeader(), false);
    } finally {
      await leader.close();
      await link.close();
    }
  });
});
