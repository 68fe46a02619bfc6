import type { Request, Response, NextFunction } from 'express';
import { RecentDenials } from '@internal/plugin-access-control-node';

/** The `sub` of the request's bearer token (a user's entity ref), unverified: it only picks the explanation. */
function bearerSubject(req: Request): string | undefined {
  const match = /^Bearer ([^.\s]+)\.([^.\s]+)\./.exec(
    req.headers.authorization ?? '',
  );
  if (!match) return undefined;
  try {
    const { sub } = JSON.parse(Buffer.from(match[2], 'base64url').toString());
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes a 403 say why: when a plugin answers a user 403 moments after the
 * policy denied that user a permission for a plugin, the answer's error
 * names the permission, what the user's roles allow and which roles would
 * grant it (`error.message`, and `error.accessControl` for programs). The
 * request had to be authenticated to get a 403 (an unknown token gets 401),
 * so its token's subject is the user the policy decided for.
 */
export function explainForbidden(denials: RecentDenials) {
  return (req: Request, res: Response, next: NextFunction) => {
    const json = res.json.bind(res);
    res.json = (body: any) => {
      if (
        res.statusCode === 403 &&
        body?.error &&
        typeof body.error === 'object'
      ) {
        const user = bearerSubject(req);
        const denial = user ? denials.latest(user) : undefined;
        if (denial) {
          return json({
            ...body,
            error: {
              ...body.error,
              message: `${String(body.error.message || 'Not allowed').replace(
                /\.?$/,
                '.',
              )} ${denial.message}`,
              accessControl: {
                permission: denial.permission,
                grantedBy: denial.grantedBy,
              },
            },
          });
        }
      }
      return json(body);
    };
    next();
  };
}
