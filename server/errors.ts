/**
 * Errors a use case raises on purpose. Each has a stable code and a message fit to show a user;
 * app/ maps them to HTTP statuses and form messages. Anything else is a bug (500, logged).
 */
export type TErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not-found"
  | "invalid-input"
  | "conflict"
  | "too-large"
  | "rate-limited"
  | "unavailable";

const STATUS: Record<TErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  "invalid-input": 400,
  conflict: 409,
  "too-large": 413,
  "rate-limited": 429,
  unavailable: 503,
};

export class AppError extends Error {
  readonly code: TErrorCode;
  /** Field-level messages for forms: field name -> message. */
  readonly fields?: Record<string, string>;
  /** Seconds until a rate-limited caller may retry. */
  readonly retryAfter?: number;

  constructor(code: TErrorCode, message: string, extra: { fields?: Record<string, string>; retryAfter?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = extra.fields;
    this.retryAfter = extra.retryAfter;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
