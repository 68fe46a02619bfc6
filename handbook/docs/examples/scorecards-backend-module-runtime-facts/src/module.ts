import { createBackendModule } from '@backstage/backend-plugin-api';
import { scorecardsFactProvidersExtensionPoint } from '@internal/plugin-scorecards-node';
import { RuntimeFactProvider } from './RuntimeFactProvider';

/** Adds the `runtime.*` facts to the scorecards plugin. */
export const scorecardsModuleRuntimeFacts = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'runtime-facts',
  register(reg) {
    reg.registerInit({
      deps: { facts: scorecardsFactProvidersExtensionPoint },
      async init({ facts }) {
        facts.addFactProvider(RuntimeFactProvider.create());
      },
    });
  },
});
