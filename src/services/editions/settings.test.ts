import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Invalid, type Problem } from '../../domain/errors.ts';
import { problemLines } from '../../platform/i18n/problems.ts';
import { applyPolicySetting, DEFAULT_POLICY } from '../comments/policy.ts';
import { DEFAULT_EDITIONS } from './defaults.ts';
import { applyEditionSetting } from './settings.ts';

/** The one problem a refused setting carries. */
function problemOf(run: () => unknown): Problem {
  try {
    run();
  } catch (e) {
    if (e instanceof Invalid && e.problems.length === 1) return e.problems[0]!;
    throw e;
  }
  assert.fail('not refused');
}

describe('edition settings and comment policy refuse with codes, never sentences', () => {
  const ar = DEFAULT_EDITIONS[0]!;

  it('names the setting and the rule, with what the message needs', () => {
    assert.deepEqual(problemOf(() => applyEditionSetting(ar, 'timezone', 'Mars/Olympus')), { field: 'timezone', code: 'time_zone' });
    assert.deepEqual(problemOf(() => applyEditionSetting(ar, 'locale', 'not a locale!')), { field: 'locale', code: 'language_tag' });
    assert.deepEqual(problemOf(() => applyEditionSetting(ar, 'host', 'bad host/')), { field: 'host', code: 'host_name' });
    assert.deepEqual(problemOf(() => applyEditionSetting(ar, 'logo-url', 'javascript:alert(1)')), { field: 'logo-url', code: 'url' });
    assert.deepEqual(problemOf(() => applyEditionSetting(ar, 'site-name', ' ')), { field: 'site-name', code: 'required' });
    assert.deepEqual(problemOf(() => applyEditionSetting(ar, 'hijri', 'perhaps')), { field: 'hijri', code: 'boolean' });
    assert.equal(problemOf(() => applyEditionSetting(ar, 'digits', 'roman')).code, 'one_of');
    assert.equal(problemOf(() => applyEditionSetting(ar, 'colour', 'red')).code, 'not_a_setting');
    assert.deepEqual(problemOf(() => applyPolicySetting(DEFAULT_POLICY, 'thread-depth', '99')), { field: 'thread-depth', code: 'number', params: { min: 1, max: 10 } });
    assert.deepEqual(problemOf(() => applyPolicySetting(DEFAULT_POLICY, 'hold-all', 'maybe')), { field: 'hold-all', code: 'boolean' });
    assert.equal(problemOf(() => applyPolicySetting(DEFAULT_POLICY, 'colour', 'red')).code, 'not_a_setting');
  });

  it('the CLI words them in English, one line per problem', () => {
    const lines = (run: () => unknown) => problemLines([problemOf(run)]);
    assert.deepEqual(lines(() => applyEditionSetting(ar, 'timezone', 'Mars/Olympus')), ['timezone: must be an IANA time zone such as Asia/Riyadh']);
    assert.deepEqual(lines(() => applyEditionSetting(ar, 'dir', 'up')), ['dir: must be one of rtl, ltr']);
    assert.match(lines(() => applyPolicySetting(DEFAULT_POLICY, 'colour', 'red'))[0]!, /^colour: Not a setting \(known: hold-all, .*notify\)\.$/);
  });
});
