import pg from 'pg';

/**
 * The texts of the messages this process sends PostgreSQL (each `query` of a pg client: one round
 * trip), from now until `stop()`.
 */
export function recordMessages(): { sent: string[]; stop(): void } {
  const sent: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [q] = args;
    sent.push(typeof q === 'string' ? q : String((q as { text?: string }).text));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return { sent, stop: () => void (pg.Client.prototype.query = original) };
}

/** The messages sent to PostgreSQL while `fn` runs. */
export async function messagesSentBy(fn: () => Promise<unknown>): Promise<string[]> {
  const { sent, stop } = recordMessages();
  try {
    await fn();
  } finally {
    stop();
  }
  return sent;
}
