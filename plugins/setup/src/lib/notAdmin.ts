import { ResponseError } from '@backstage/errors';

/** Whether an error is the setup backend refusing someone who is not an admin. */
export function isNotAdmin(error: unknown): boolean {
  return ResponseError.is(error) && error.statusCode === 403;
}
