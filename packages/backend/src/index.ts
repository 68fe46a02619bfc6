import { createBackend } from '@backstage/backend-defaults';
import {
  describeProductionConfigErrors,
  productionConfigFromEnv,
  rootConfigWithEnvironment,
} from './config';
import { greenroomFeatures, stockFeatures } from './features';

const backend = createBackend();

// Production reads its settings from the environment (src/config), and does
// not start while one is missing; development uses the config files alone.
if (process.env.NODE_ENV === 'production') {
  const { config, errors } = productionConfigFromEnv(process.env);
  if (errors.length > 0) {
    console.error(describeProductionConfigErrors(errors));
    process.exit(1);
  }
  backend.add(rootConfigWithEnvironment(config));
}

// The stock Backstage plugins, then Greenroom's own (src/features.ts).
for (const feature of [...stockFeatures(), ...greenroomFeatures()]) {
  backend.add(feature);
}

backend.start();
