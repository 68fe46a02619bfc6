import { ReactNode } from 'react';
import { useIsSetupAdmin } from './useIsSetupAdmin';

/**
 * Shows its children to Greenroom admins only (those the setup backend
 * answers), e.g. the sidebar's Setup item:
 * `<SetupAdminOnly>{nav.take('page:setup')}</SetupAdminOnly>`.
 */
export const SetupAdminOnly = ({ children }: { children: ReactNode }) =>
  useIsSetupAdmin() ? <>{children}</> : null;
