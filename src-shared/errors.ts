/**
 * Every failure that crosses a process boundary is one of these codes, with a message a seller
 * can act on in Chinese (shown first) and English.
 */
export const ERROR_CODES = [
  'BAD_INPUT', // the request did not match the contract
  'UNKNOWN_CHANNEL',
  'FORBIDDEN', // wrong sender frame, wrong token
  'NOT_FOUND',
  'CONFLICT', // the data changed under the request, or a duplicate
  'DB_NEWER', // the database was written by a newer version of the app
  'DB_FAILED',
  'FILE_INVALID', // an imported file cannot be read
  'AUTH', // the marketplace or ERP needs the seller to authorise again
  'RATE_LIMIT', // over a quota; retried later
  'TRANSIENT', // network or server hiccup; retried
  'PERMANENT', // the remote side refused for good
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  code: ErrorCode;
  /** Chinese, the seller's first language. */
  message: string;
  messageEn: string;
  /** Field-level problems, for forms. */
  issues?: { path: string; message: string; messageEn: string }[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly issues?: ErrorPayload['issues'];

  constructor(code: ErrorCode, zh: string, en: string, issues?: ErrorPayload['issues']) {
    super(`${zh} / ${en}`);
    this.name = 'AppError';
    this.code = code;
    this.messageZh = zh;
    this.messageEn = en;
    this.issues = issues;
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.messageZh, messageEn: this.messageEn, issues: this.issues };
  }
}

/** The renderer-side error: what a failed call throws. */
export class ApiError extends Error {
  readonly payload: ErrorPayload;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.payload = payload;
  }
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };

export function isErrorPayload(v: unknown): v is ErrorPayload {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ErrorPayload).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((v as ErrorPayload).code)
  );
}

/**
 * Only an Error's message survives Electron's contextBridge, so the preload carries the payload
 * in it and the renderer turns it back into an ApiError.
 */
export const BRIDGE_ERROR_PREFIX = 'DESK_ERROR ';

export function toBridgeError(payload: ErrorPayload): Error {
  return new Error(BRIDGE_ERROR_PREFIX + JSON.stringify(payload));
}

export function fromBridgeError(err: unknown): ApiError | undefined {
  const msg = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const at = msg.indexOf(BRIDGE_ERROR_PREFIX);
  if (at < 0) return undefined;
  try {
    const payload = JSON.parse(msg.slice(at + BRIDGE_ERROR_PREFIX.length)) as unknown;
    return isErrorPayload(payload) ? new ApiError(payload) : undefined;
  } catch {
    return undefined;
  }
}
