/** One line of the audit trail: who did what, when, from where. Written once, never changed. */
export interface AuditEntry {
  id: number;
  /** ISO instant. */
  at: string;
  /** The account that acted (null: nobody signed in, e.g. a failed sign-in, or the command line). */
  actorId: number | null;
  /** Who, in words kept from the moment (an e-mail; `cli:<OS user>` for the command line). */
  actor: string;
  /** What, as a stable code: `sign-in`, `sign-in.failed`, `article.publish`, `user.role`, … */
  action: string;
  /** What it was done to (a newsroom path, an e-mail, a file name). */
  target: string;
  detail: string;
  /** The client address as resolved through TRUST_PROXY ('' for the command line). */
  ip: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

export interface AuditQuery {
  /** An actor's e-mail (or "cli": every command line's entries). */
  actor?: string;
  action?: string;
  /** ISO instants, inclusive from and exclusive until. */
  since?: string;
  until?: string;
  /** Paging, newest first: entries older than this id. */
  before?: number;
  limit: number;
}
