import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  scaffolderActionsExtensionPoint,
  scaffolderServiceRef,
} from '@backstage/plugin-scaffolder-node';
import { createGoldenPathActions } from './agentActions/createGoldenPathActions';
import { GoldenPaths } from './agentActions/GoldenPaths';
import { createCheckNewComponentAction } from './actions/checkNewComponent';
import { createPublishLocalAction } from './actions/publishLocal';
import { createCommitLocalAction } from './actions/commitLocal';
import { createPublishTargetAction } from './actions/publishTarget';
import { createComponentReadyAction } from './actions/componentReady';
import { createRegisterNewRepositoryAction } from './actions/registerNewRepository';

/** The scaffolder actions Greenroom's golden-path templates use, and the golden paths' actions for agents. */
export const scaffolderModuleGoldenPaths = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'golden-paths',
  register(reg) {
    reg.registerInit({
      deps: {
        actions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        urlReader: coreServices.urlReader,
        actionsRegistry: actionsRegistryServiceRef,
        scaffolder: scaffolderServiceRef,
      },
      async init({
        actions,
        config,
        auth,
        discovery,
        permissions,
        userInfo,
        auditor,
        catalog,
        events,
        urlReader,
        actionsRegistry,
        scaffolder,
      }) {
        actions.addActions(
          createCheckNewComponentAction({ catalog }),
          createPublishTargetAction({ config }),
          createPublishLocalAction({ config, events }),
          createCommitLocalAction({ config, events }),
          createComponentReadyAction({ catalog, auth, discovery }),
          createRegisterNewRepositoryAction({
            config,
            catalog,
            auth,
            permissions,
            userInfo,
            auditor,
          }),
        );
        // the templates, for agents through the MCP server
        createGoldenPathActions({
          actionsRegistry,
          goldenPaths: GoldenPaths.create({
            catalog,
            scaffolder,
            urlReader,
            config,
          }),
        });
      },
    });
  },
});
