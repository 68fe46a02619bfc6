import { ResponseError } from '@backstage/errors';

/**
 * A short, human message for an error: for a failed backend response, the
 * server's own message and the HTTP status, e.g. "Missing permission (HTTP 403)".
 */
export function describeError(error: Error): string {
  if (ResponseError.is(error)) {
    const serverMessage = error.cause?.message;
    return serverMessage
      ? `${serverMessage} (HTTP ${error.statusCode})`
      : error.message;
  }
  return error.message;
}
