import { ResponseError } from '@backstage/errors';

/**
 * The server's own message for a failed backend response (it names what is
 * wrong, or what was denied), else the error's message.
 */
export function describeError(error: Error): string {
  if (ResponseError.is(error)) {
    return error.cause?.message || error.message;
  }
  return error.message;
}

/** Whether an error is the backend refusing someone who may not read access control. */
export function isForbidden(error: unknown): boolean {
  return ResponseError.is(error) && error.statusCode === 403;
}
