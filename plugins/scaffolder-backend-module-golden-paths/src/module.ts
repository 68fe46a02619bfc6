import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCheckNewComponentAction } from './actions/checkNewComponent';
import { createPublishLocalAction } from './actions/publishLocal';
import { createCommitLocalAction } from './actions/commitLocal';
import { createPublishTargetAction } from './actions/publishTarget';
import { createComponentReadyAction } from './actions/componentReady';
import { createRegisterNewRepositoryAction } from './actions/registerNewRepository';

/** The scaffolder actions Greenroom's golden-path templates use. */
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
      },
    });
  },
});
