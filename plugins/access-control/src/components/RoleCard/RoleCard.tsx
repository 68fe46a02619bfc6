import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { Role, RoleMember } from '@internal/plugin-access-control-common';
import { useState } from 'react';
import { accessControlApiRef } from '../../api';
import { describeError } from '../../lib/errors';

const SOURCES: Record<RoleMember['source'], string> = {
  'policy file': 'From the policy file',
  config: 'From config',
  'access control page': 'Granted on this page',
};

/**
 * One role: its description, the roles it includes, what it allows (with
 * the condition in words and the file and line), and who holds it. Members
 * granted on this page can be revoked by those who may manage access control.
 */
export const RoleCard = ({
  role,
  isDefault = false,
  canManage,
  onChanged,
}: {
  role: Role;
  isDefault?: boolean;
  canManage: boolean;
  onChanged: () => void;
}) => {
  const api = useApi(accessControlApiRef);
  const [revoking, setRevoking] = useState<string>();
  const [revokeError, setRevokeError] = useState<string>();

  const revoke = async (member: string) => {
    setRevoking(member);
    setRevokeError(undefined);
    try {
      await api.revokeRole(role.name, member);
      onChanged();
    } catch (e) {
      setRevokeError(
        `Could not revoke ${member}: ${describeError(e as Error)}`,
      );
    } finally {
      setRevoking(undefined);
    }
  };

  return (
    <section aria-label={`Role ${role.name}`}>
      <InfoCard
        title={role.name}
        subheader={[
          role.description,
          isDefault && 'The role of a signed-in user who holds no other.',
        ]
          .filter(Boolean)
          .join(' ')}
      >
        {role.includes.length > 0 && (
          <Typography variant="body2" gutterBottom>
            Includes: {role.includes.join(', ')}
          </Typography>
        )}

        <Typography variant="h6" component="h3">
          Allows
        </Typography>
        {role.allow.length === 0 ? (
          <Typography variant="body2">Nothing of its own.</Typography>
        ) : (
          <List dense aria-label={`What ${role.name} allows`}>
            {role.allow.map(grant => (
              <ListItem
                key={`${grant.permission}@${grant.source}`}
                disableGutters
              >
                <ListItemText
                  primary={
                    <>
                      <code>
                        {grant.permission === '*'
                          ? '* (every permission)'
                          : grant.permission}
                      </code>
                      {grant.condition && <> only if {grant.condition}</>}
                    </>
                  }
                  secondary={grant.source}
                />
              </ListItem>
            ))}
          </List>
        )}

        <Typography variant="h6" component="h3">
          Members
        </Typography>
        {role.members.length === 0 ? (
          <Typography variant="body2">
            {isDefault
              ? 'Every signed-in user who holds no other role.'
              : 'Nobody holds this role.'}
          </Typography>
        ) : (
          <List dense aria-label={`Members of ${role.name}`}>
            {role.members.map(m => (
              <ListItem key={`${m.member}@${m.source}`} disableGutters>
                <ListItemText
                  primary={m.member}
                  secondary={SOURCES[m.source]}
                />
                {canManage && m.source === 'access control page' && (
                  <ListItemSecondaryAction>
                    <Button
                      size="small"
                      color="secondary"
                      disabled={revoking !== undefined}
                      onClick={() => revoke(m.member)}
                    >
                      Revoke
                    </Button>
                  </ListItemSecondaryAction>
                )}
              </ListItem>
            ))}
          </List>
        )}
        {revokeError && (
          <Box mt={1}>
            <Typography color="error" role="alert">
              {revokeError}
            </Typography>
          </Box>
        )}
      </InfoCard>
    </section>
  );
};
