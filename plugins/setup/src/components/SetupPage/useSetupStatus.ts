import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { setupApiRef } from '../../api';

/** The setup status, loaded once. */
export function useSetupStatus() {
  const api = useApi(setupApiRef);
  return useAsync(() => api.getStatus(), [api]);
}
