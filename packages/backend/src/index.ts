import { createBackend } from '@backstage/backend-defaults';
import { greenroomFeatures, stockFeatures } from './features';

const backend = createBackend();

// The stock Backstage plugins, then Greenroom's own (src/features.ts).
for (const feature of [...stockFeatures(), ...greenroomFeatures()]) {
  backend.add(feature);
}

backend.start();
