import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createDocsActions } from './createDocsActions';
import { DocsReader } from './DocsReader';

/** TechDocs for agents: search the docs, read a page as Markdown or text. */
export const techdocsModuleAgentActions = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'agent-actions',
  register(reg) {
    reg.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
      },
      async init({ actionsRegistry, auth, discovery, config, catalog }) {
        createDocsActions({
          actionsRegistry,
          docs: DocsReader.create({
            auth,
            discovery,
            catalog,
            appBaseUrl: config.getString('app.baseUrl'),
          }),
        });
      },
    });
  },
});
