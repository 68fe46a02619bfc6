import { createBackend } from '@backstage/backend-defaults';
import { stockFeatures } from '../../packages/backend/src/features';

/**
 * The backend with the stock Backstage plugins only (`stockFeatures()`):
 * Greenroom's backend without its in-house modules, which bench/scale
 * measures against the real one (`packages/backend/src/index.ts`).
 */
const backend = createBackend();
for (const feature of stockFeatures()) {
  backend.add(feature);
}
// stock Backstage's policy, where Greenroom has its access control
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.start();
