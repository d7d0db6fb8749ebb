/**
 * The error catalogue. Stable codes, no HTTP: `web/errors.ts` maps them once to a status and a
 * message in the edition's language.
 */
export type ErrorCode = 'not_found' | 'invalid' | 'forbidden' | 'conflict' | 'gone';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

export class Invalid extends DomainError {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super('invalid', `${field}: ${reason}`);
  }
}

export class Forbidden extends DomainError {
  constructor(reason = 'forbidden') {
    super('forbidden', reason);
  }
}

export class Conflict extends DomainError {
  constructor(reason: string) {
    super('conflict', reason);
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
