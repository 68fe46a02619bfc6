import { EnvConfigPart } from './types';
import { readVar } from './vars';

/**
 * The catalog locations production always has: Greenroom's golden-path
 * templates, plus the demo company when GREENROOM_DEMO=true. Paths are
 * relative to the working directory, the image's /app.
 */
export function catalogConfigFromEnv(env: NodeJS.ProcessEnv): EnvConfigPart {
  const demo = readVar(env, 'GREENROOM_DEMO');
  if (demo !== undefined && demo !== 'true' && demo !== 'false') {
    return {
      config: {},
      errors: [
        `GREENROOM_DEMO is "${demo}": set it to true to show the demo company (Northwind Trading) next to your own catalog, or leave it unset`,
      ],
    };
  }
  return {
    config: {
      catalog: {
        locations: [
          { type: 'file', target: './templates/catalog-info.yaml' },
          ...(demo === 'true'
            ? [{ type: 'file', target: './demo/catalog.yaml' }]
            : []),
        ],
      },
    },
    errors: [],
  };
}
