import { createFrontendModule } from '@backstage/frontend-plugin-api';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import { z } from 'zod/v4';

/**
 * The stock catalog graph page with a node limit: `page:catalog-graph` keeps
 * its config (`maxDepth` and the rest) and gains `nodeLimit`, the most
 * entities it shows at first (default 100). See this folder's README.
 */
export const catalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    catalogGraphPlugin.getExtension('page:catalog-graph').override({
      configSchema: {
        nodeLimit: z.number().int().positive().optional(),
      },
      factory(originalFactory, { config }) {
        return originalFactory({
          params: {
            // the stock page draws its own header
            noHeader: true,
            loader: () =>
              import('./components/BoundedCatalogGraphPage').then(m => (
                <m.BoundedCatalogGraphPage {...config} initialState={config} />
              )),
          },
        });
      },
    }),
  ],
});
