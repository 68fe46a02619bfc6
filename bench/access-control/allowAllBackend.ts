import { createBackend } from '@backstage/backend-defaults';
import { BackendFeature } from '@backstage/backend-plugin-api';
import accessControl from '@internal/plugin-permission-backend-module-access-control';
import {
  greenroomFeatures,
  stockFeatures,
} from '../../packages/backend/src/features';

/**
 * Greenroom's backend with stock Backstage's allow-all policy in place of its
 * access control, and nothing else changed: what bench/access-control
 * measures the policy against.
 */
async function main() {
  const backend = createBackend();
  for (const feature of [...stockFeatures(), ...greenroomFeatures()]) {
    let loaded: any = 'then' in feature ? (await feature).default : feature;
    // a CommonJS module's namespace wraps its default export once more
    if (loaded && 'default' in loaded) loaded = loaded.default;
    if (loaded !== accessControl) backend.add(loaded as BackendFeature);
  }
  backend.add(
    import('@backstage/plugin-permission-backend-module-allow-all-policy'),
  );
  await backend.start();
}

main();
