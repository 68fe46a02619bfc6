import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { SetupClient, setupApiRef } from '../api';

/** Provides {@link setupApiRef} with a {@link SetupClient}. */
export const setupApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: setupApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SetupClient({ discoveryApi, fetchApi }),
    }),
});
