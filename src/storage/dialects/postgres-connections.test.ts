import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isConnectionLost } from './postgres-connections.ts';

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
