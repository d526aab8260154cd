/**
 * One error shape for the whole product: a stable code, a sentence that names the field and
 * says what is wrong, and optional details. The HTTP layer maps codes to statuses in one place
 * (src/server/errors.ts); the CLI prints the message.
 */

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'SCENARIO_INVALID',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with an input, named by its path (`positions.3.member`). */
export interface Problem {
  readonly path: string;
  readonly message: string;
  /** 1-based line in the source file, when the input came from a file. */
  readonly line?: number | undefined;
  readonly file?: string | undefined;
}

export class AccordError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AccordError';
    this.code = code;
    this.details = details;
  }

  toJSON(): {
    error: { code: ErrorCode; message: string; details: Readonly<Record<string, unknown>> };
  } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export function isAccordError(value: unknown): value is AccordError {
  return value instanceof AccordError;
}

/** `file:line: path.to.field: what is wrong`, or shorter when the file or line is unknown. */
export function formatProblem(problem: Problem): string {
  const where =
    problem.file !== undefined
      ? `${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}: `
      : problem.line !== undefined
        ? `line ${problem.line}: `
        : '';
  const path = problem.path === '' ? '' : `${problem.path}: `;
  return `${where}${path}${problem.message}`;
}
