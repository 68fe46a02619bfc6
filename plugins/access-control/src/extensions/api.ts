import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { AccessControlClient, accessControlApiRef } from '../api';

/** Provides {@link accessControlApiRef} with an {@link AccessControlClient}. */
export const accessControlApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: accessControlApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AccessControlClient({ discoveryApi, fetchApi }),
    }),
});
