import type { Request, Response, NextFunction } from 'express';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { Denial, RecentDenials } from '@internal/plugin-access-control-node';

/**
 * Makes a 403 say why: when a plugin answers a user 403 after the policy,
 * during that request, did not simply allow that user a permission the
 * plugin asked for, the answer's error names the permission, what the user's
 * roles allow and which roles would grant it (`error.message`, and
 * `error.accessControl` for programs). The user is the request's bearer
 * token's, verified against the auth backend's keys: a forged token gets the
 * plugin's answer unchanged.
 */
export function explainForbidden(
  denials: RecentDenials,
  auth: { baseUrl: string },
) {
  const keys = createRemoteJWKSet(
    new URL(`${auth.baseUrl}/.well-known/jwks.json`),
  );
  const userOf = async (req: Request): Promise<string | undefined> => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: auth.baseUrl,
      });
      return typeof payload.sub === 'string' ? payload.sub : undefined;
    } catch {
      return undefined;
    }
  };

  return (req: Request, res: Response, next: NextFunction) => {
    const started = Date.now();
    const json = res.json.bind(res);
    res.json = (body: any) => {
      if (
        res.statusCode !== 403 ||
        !body?.error ||
        typeof body.error !== 'object' ||
        !denials.anySince(started)
      ) {
        return json(body);
      }
      userOf(req).then(
        user => {
          const denial = user
            ? denials.latest(user, { since: started })
            : undefined;
          json(denial ? withReason(body, denial) : body);
        },
        () => json(body),
      );
      return res;
    };
    next();
  };
}

function withReason(body: any, denial: Denial) {
  return {
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
  };
}
