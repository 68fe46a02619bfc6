import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createWriteCodeownersAction } from './actions/writeCodeowners';

/** Adds `greenroom:codeowners:write` to the scaffolder. */
export const scaffolderModuleCodeowners = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'codeowners',
  register(reg) {
    reg.registerInit({
      deps: { actions: scaffolderActionsExtensionPoint },
      async init({ actions }) {
        actions.addActions(createWriteCodeownersAction());
      },
    });
  },
});
