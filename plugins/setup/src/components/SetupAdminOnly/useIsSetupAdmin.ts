import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { setupApiRef } from '../../api';

/** Whether the signed-in user may read the setup status; false until known. */
export function useIsSetupAdmin(): boolean {
  const api = useApi(setupApiRef);
  const { value } = useAsync(
    () =>
      api.getStatus().then(
        () => true,
        () => false,
      ),
    [api],
  );
  return value ?? false;
}
