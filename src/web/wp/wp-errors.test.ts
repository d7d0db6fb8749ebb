import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Conflict, Forbidden, Invalid, NotFound } from '../../domain/errors.ts';
import { WpRefusal, wpErrorOf } from './wp-errors.ts';

describe('the domain’s refusals in WordPress’s shape', () => {
  it('a missing object gets the code WordPress gives its kind', () => {
    assert.equal(wpErrorOf(new NotFound('post 9'), 'en', 'post').code, 'rest_post_invalid_id');
    assert.equal(wpErrorOf(new NotFound('tag 9'), 'en', 'term').code, 'rest_term_invalid');
    assert.equal(wpErrorOf(new NotFound('user 9'), 'en', 'user').code, 'rest_user_invalid_id');
    assert.equal(wpErrorOf(new NotFound('comment 9'), 'en', 'comment').code, 'rest_comment_invalid_id');
    assert.deepEqual(wpErrorOf(new NotFound('x'), 'en'), { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
  });

  it('bad parameters are listed by name, each worded in the edition’s language', () => {
    const e = wpErrorOf(new Invalid([{ field: 'per_page', code: 'number', params: { min: 1, max: 100 } }, { field: 'after', code: 'date_time' }]), 'ar');
    assert.equal(e.code, 'rest_invalid_param');
    assert.equal(e.data.status, 400);
    assert.deepEqual(Object.keys(e.data.params!), ['per_page', 'after']);
    assert.equal(e.data.params!.per_page, 'أدخل عدداً صحيحاً من 1 إلى 100.');
  });

  it('the comment rules’ refusals take WordPress’s comment codes and statuses', () => {
    const code = (err: unknown) => { const e = wpErrorOf(err, 'en'); return [e.code, e.data.status]; };
    assert.deepEqual(code(new Forbidden('closed', { field: '', code: 'comments_closed' })), ['rest_comment_closed', 403]);
    assert.deepEqual(code(new Conflict('flood', { field: '', code: 'too_quick' })), ['comment_flood', 429]);
    assert.deepEqual(code(new Conflict('dup', { field: '', code: 'duplicate' })), ['comment_duplicate', 409]);
    assert.deepEqual(code(new Invalid('comment', 'required')), ['rest_comment_content_invalid', 400]);
    assert.deepEqual(code(new Invalid('email', 'required')), ['rest_comment_author_data_required', 400]);
    const url = wpErrorOf(new Invalid('url', 'website'), 'en');
    assert.deepEqual([url.code, Object.keys(url.data.params!)], ['rest_invalid_param', ['author_url']], 'the form’s field names become the API’s');
  });

  it('the API’s own refusals, and faults without a trace of their cause', () => {
    assert.deepEqual(wpErrorOf(new WpRefusal('rest_comment_login_required', 401, { field: '', code: 'login_required' }), 'en'), {
      code: 'rest_comment_login_required', message: 'Sorry, you must be logged in to comment.', data: { status: 401 },
    });
    const fault = wpErrorOf(new Error('SQLITE_BUSY: database is locked at /srv/x.ts:12'), 'en');
    assert.deepEqual([fault.code, fault.data.status], ['internal_server_error', 500]);
    assert.ok(!JSON.stringify(fault).includes('SQLITE'));
  });
});
