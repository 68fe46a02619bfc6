import { JsonObject, JsonValue } from '@backstage/config';
import { accessControlConfigFromEnv } from './accessControlFromEnv';
import { baseConfigFromEnv } from './baseFromEnv';
import { cacheConfigFromEnv } from './cacheFromEnv';
import { catalogConfigFromEnv } from './catalogFromEnv';
import { discoveryConfigFromEnv } from './discoveryFromEnv';
import { orgConfigFromEnv } from './orgFromEnv';
import { signInConfigFromEnv } from './signInFromEnv';
import { EnvConfigPart } from './types';

export type { EnvConfigPart } from './types';
export { rootConfigWithEnvironment } from './rootConfigWithEnvironment';

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else, arrays included, is replaced by `b`'s. */
function mergeJson(a: JsonObject, b: JsonObject): JsonObject {
  const merged: JsonObject = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const current = merged[key];
    merged[key] =
      isObject(current) && isObject(value) ? mergeJson(current, value) : value;
  }
  return merged;
}

/**
 * Production's configuration from the environment: every part merged, with
 * every problem found, so that one start-up lists them all.
 */
export function productionConfigFromEnv(env: NodeJS.ProcessEnv): EnvConfigPart {
  const parts = [
    baseConfigFromEnv,
    cacheConfigFromEnv,
    accessControlConfigFromEnv,
    signInConfigFromEnv,
    catalogConfigFromEnv,
    orgConfigFromEnv,
    discoveryConfigFromEnv,
  ].map(part => part(env));
  return {
    config: parts.reduce<JsonObject>(
      (merged, part) => mergeJson(merged, part.config),
      {},
    ),
    errors: parts.flatMap(part => part.errors),
  };
}

/** The start-up message for problems found by {@link productionConfigFromEnv}. */
export function describeProductionConfigErrors(errors: string[]): string {
  return [
    'Greenroom cannot start in production:',
    ...errors.map(error => `  - ${error}`),
    'Every variable is described in the Production section of the README.',
  ].join('\n');
}
