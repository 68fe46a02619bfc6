import { EnvConfigPart } from './types';
import { readVar } from './vars';

const REDIS_URL_VAR = 'GREENROOM_REDIS_URL';

/**
 * The cache the replicas share, from GREENROOM_REDIS_URL
 * (`redis://[:password@]host:port[/db]`, or `rediss://` for TLS). Unset,
 * each backend caches in its own memory, which is right for one replica
 * only: replicas would disagree for as long as an entry lives.
 */
export function cacheConfigFromEnv(env: NodeJS.ProcessEnv): EnvConfigPart {
  const url = readVar(env, REDIS_URL_VAR);
  if (url === undefined) return { config: {}, errors: [] };
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['redis:', 'rediss:'].includes(parsed.protocol)) {
    return {
      config: {},
      errors: [
        `${REDIS_URL_VAR} is not a redis:// or rediss:// URL (e.g. redis://:password@redis:6379): it names the Redis the replicas share their cache in`,
      ],
    };
  }
  return {
    config: {
      backend: {
        cache: {
          store: 'redis',
          connection: url,
          // Greenroom's keys apart from anything else kept in that Redis
          redis: { client: { namespace: 'greenroom' } },
        },
      },
    },
    errors: [],
  };
}
