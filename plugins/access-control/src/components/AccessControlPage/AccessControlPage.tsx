import {
  Content,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  accessControlManagePermission,
  accessControlReadPermission,
} from '@internal/plugin-access-control-common';
import { describeError, isForbidden } from '../../lib/errors';
import { ExportPolicyButton } from '../ExportPolicyButton';
import { GrantRoleForm } from '../GrantRoleForm';
import { PolicyFileBanner } from '../PolicyFileBanner';
import { RoleCard } from '../RoleCard';
import { SimulatorCard } from '../SimulatorCard';
import { useRoles } from './useRoles';

const NotAllowed = ({ reason }: { reason?: string }) => (
  <Content>
    <EmptyState
      missing="info"
      title="Only admins see access control"
      description={`Seeing it needs the ${
        accessControlReadPermission.name
      } permission, which the admin role holds; changing it needs ${
        accessControlManagePermission.name
      }. Ask an admin if you need a role.${reason ? ` (${reason})` : ''}`}
    />
  </Content>
);

/** The roles, the forms and the simulator, for someone who may read them. */
const AccessControlContent = ({ canManage }: { canManage: boolean }) => {
  const { value, loading, error, retry } = useRoles();

  if (!value && loading) {
    return <Progress />;
  }
  if (!value) {
    if (isForbidden(error)) {
      return <NotAllowed reason={describeError(error!)} />;
    }
    return (
      <Content>
        <ResponseErrorPanel error={error ?? new Error('No roles')} />
      </Content>
    );
  }

  return (
    <Content>
      <Grid container spacing={3}>
        {!value.policyFile.ok && (
          <Grid item xs={12}>
            <PolicyFileBanner policyFile={value.policyFile} />
          </Grid>
        )}
        <Grid item xs={12}>
          <Box
            display="flex"
            alignItems="center"
            justifyContent="space-between"
          >
            <Typography variant="body1" color="textSecondary">
              The roles of {value.policyFile.file}, what they allow and who
              holds them.
            </Typography>
            <ExportPolicyButton />
          </Box>
          {error && (
            <Typography color="error" role="alert">
              Could not reload the roles: {describeError(error)}
            </Typography>
          )}
        </Grid>
        {canManage && (
          <Grid item xs={12}>
            <GrantRoleForm
              roles={value.roles.map(r => r.name)}
              onGranted={() => retry()}
            />
          </Grid>
        )}
        {value.roles.map(role => (
          <Grid item xs={12} md={6} key={role.name}>
            <RoleCard
              role={role}
              isDefault={role.name === value.defaultRole}
              canManage={canManage}
              onChanged={() => retry()}
            />
          </Grid>
        ))}
        <Grid item xs={12}>
          <SimulatorCard permissions={value.permissions} />
        </Grid>
      </Grid>
    </Content>
  );
};

/**
 * The access control page: a banner when the policy file cannot be used, one
 * card per role with its grants and members, granting and revoking (for those
 * who may manage access control), exporting the policy, and a simulator.
 * Anyone who may not read access control is told so, and nothing else.
 */
export const AccessControlPage = () => {
  const read = usePermission({ permission: accessControlReadPermission });
  const manage = usePermission({ permission: accessControlManagePermission });

  if (read.loading) {
    return <Progress />;
  }
  if (!read.allowed) {
    return <NotAllowed />;
  }
  return <AccessControlContent canManage={manage.allowed} />;
};
