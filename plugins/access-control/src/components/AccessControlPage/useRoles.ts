import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { accessControlApiRef } from '../../api';

/** The roles, loaded once; `retry` reloads them and keeps the old ones meanwhile. */
export function useRoles() {
  const api = useApi(accessControlApiRef);
  return useAsyncRetry(() => api.listRoles(), [api]);
}
