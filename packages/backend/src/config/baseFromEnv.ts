import { JsonObject } from '@backstage/config';
import { EnvConfigPart } from './types';
import { readVar } from './vars';

/** The variables production cannot start without, and what each is for. */
export const requiredVars = {
  GREENROOM_BASE_URL:
    'the URL people open Greenroom at, e.g. https://greenroom.example.com (links, sign-in redirects and CORS use it)',
  BACKEND_SECRET:
    'a long random string the backend signs its own service tokens with, e.g. the output of `openssl rand -base64 32`',
  POSTGRES_HOST:
    'the host name of the Postgres server Greenroom stores its data in',
  POSTGRES_PORT: 'the port of that Postgres server, usually 5432',
  POSTGRES_USER: 'the Postgres user Greenroom connects as',
  POSTGRES_PASSWORD: "that Postgres user's password",
} as const;

/**
 * The URL, the backend secret and the database, from GREENROOM_BASE_URL,
 * BACKEND_SECRET and POSTGRES_*.
 */
export function baseConfigFromEnv(env: NodeJS.ProcessEnv): EnvConfigPart {
  const errors: string[] = [];
  const values: Partial<Record<keyof typeof requiredVars, string>> = {};
  for (const [name, purpose] of Object.entries(requiredVars)) {
    const value = readVar(env, name);
    if (value === undefined) {
      errors.push(`${name} is not set: ${purpose}`);
    } else {
      values[name as keyof typeof requiredVars] = value;
    }
  }

  const baseUrl = values.GREENROOM_BASE_URL?.replace(/\/+$/, '');
  if (baseUrl !== undefined && !/^https?:\/\/[^/]+/.test(baseUrl)) {
    errors.push(
      `GREENROOM_BASE_URL is "${baseUrl}", not an http(s) URL: ${requiredVars.GREENROOM_BASE_URL}`,
    );
  }
  const port = values.POSTGRES_PORT;
  if (port !== undefined && !/^\d+$/.test(port)) {
    errors.push(
      `POSTGRES_PORT is "${port}", not a port number: ${requiredVars.POSTGRES_PORT}`,
    );
  }

  if (errors.length > 0) {
    return { config: {}, errors };
  }
  const config: JsonObject = {
    app: { baseUrl },
    backend: {
      baseUrl,
      cors: { origin: baseUrl },
      auth: { keys: [{ secret: values.BACKEND_SECRET! }] },
      database: {
        client: 'pg',
        connection: {
          host: values.POSTGRES_HOST!,
          port: Number(port),
          user: values.POSTGRES_USER!,
          password: values.POSTGRES_PASSWORD!,
        },
      },
    },
  };

  return { config, errors: [] };
}
