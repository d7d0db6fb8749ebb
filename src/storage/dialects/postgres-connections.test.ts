import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { inlined, isConnectionLost } from './postgres-connections.ts';

describe('a lost database connection, told from a failed query', () => {
  it('knows PostgreSQL’s own (a terminate, a shutdown) and the socket’s', () => {
    assert.ok(isConnectionLost({ code: '57P01', message: 'terminating connection due to administrator command' }));
    assert.ok(isConnectionLost({ code: 'ECONNRESET' }));
    assert.ok(isConnectionLost(new Error('Connection terminated unexpectedly')));
  });

  it('knows PgBouncer’s, when the server connection under a transaction died', () => {
    // Seen under load in the cluster test: it came back as a 500 before.
    assert.ok(isConnectionLost({ code: '08P01', message: 'server conn crashed?' }));
    assert.ok(isConnectionLost(new Error('server closed the connection unexpectedly')));
  });

  it('is not fooled by a query’s own failure', () => {
    assert.equal(isConnectionLost({ code: '23505', message: 'duplicate key value violates unique constraint' }), false);
    assert.equal(isConnectionLost({ code: '42P01', message: 'relation "x" does not exist' }), false);
    assert.equal(isConnectionLost(null), false);
  });
});

describe('a statement’s values written into its SQL (to share a message with the held BEGIN)', () => {
  const escape = (s: string) => pg.Client.prototype.escapeLiteral.call(null, s);
  const q = (sql: string, parameters: unknown[]) => ({ ...CompiledQuery.raw(sql), parameters });

  it('writes strings through pg’s escaping, and never reads a value’s own `$1` as a placeholder', () => {
    assert.equal(inlined(q('select $1, $2', ["it's", 'a\\b $1']), escape), `select 'it''s',  E'a\\\\b $1'`);
  });

  it('puts numbers in parentheses, so a minus before a negative one never makes a comment', () => {
    assert.equal(inlined(q('select 1 - $1, $2, $3, $4, $10', [-5, 7n, null, true, 0, 0, 0, 0, 0, 10]), escape), 'select 1 - (-5), (7), NULL, true, (10)');
  });

  it('declines values it does not write (dates, buffers, arrays): the statement goes with its parameters', () => {
    assert.equal(inlined(q('select $1', [new Date(0)]), escape), null);
    assert.equal(inlined(q('select $1', [Buffer.from('x')]), escape), null);
    assert.equal(inlined(q('select $1', [[1, 2]]), escape), null);
    assert.equal(inlined(q('select $1', [Number.NaN]), escape), null);
  });
});
