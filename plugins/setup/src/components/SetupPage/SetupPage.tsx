import {
  Content,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { isNotAdmin } from '../../lib/notAdmin';
import { CatalogProvidersCard } from '../CatalogProvidersCard';
import { IntegrationsCard } from '../IntegrationsCard';
import { MissingSettingsCard } from '../MissingSettingsCard';
import { SignInCard } from '../SignInCard';
import { useSetupStatus } from './useSetupStatus';

/**
 * The setup page: what is missing first, then sign-in, integrations, and the
 * org and discovery providers with their last runs. Anyone who is not a
 * Greenroom admin is told so, and nothing else.
 */
export const SetupPage = () => {
  const { value, loading, error } = useSetupStatus();

  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <Content>
        {isNotAdmin(error) ? (
          <EmptyState
            missing="info"
            title="Only Greenroom admins see this page"
            description="Admins hold the admin role of access control (GREENROOM_ADMINS in production). Ask one of them if you need to see how the portal is set up."
          />
        ) : (
          <ResponseErrorPanel error={error ?? new Error('No setup status')} />
        )}
      </Content>
    );
  }

  return (
    <Content>
      <Grid container spacing={3}>
        {value.missing.length > 0 && (
          <Grid item xs={12}>
            <MissingSettingsCard missing={value.missing} />
          </Grid>
        )}
        <Grid item xs={12} md={6}>
          <SignInCard signIn={value.signIn} />
        </Grid>
        <Grid item xs={12} md={6}>
          <IntegrationsCard integrations={value.integrations} />
        </Grid>
        <Grid item xs={12}>
          <CatalogProvidersCard providers={value.catalogProviders} />
        </Grid>
      </Grid>
    </Content>
  );
};
