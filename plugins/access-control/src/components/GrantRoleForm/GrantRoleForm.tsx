import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { RoleMember } from '@internal/plugin-access-control-common';
import { FormEvent, useState } from 'react';
import { accessControlApiRef } from '../../api';
import { describeError } from '../../lib/errors';

/**
 * Grants a role to a user or group entity ref. The backend checks the ref and
 * the role; its message is shown when it refuses.
 */
export const GrantRoleForm = ({
  roles,
  onGranted,
}: {
  roles: string[];
  onGranted: (role: string, member: RoleMember) => void;
}) => {
  const api = useApi(accessControlApiRef);
  const [role, setRole] = useState(roles[0] ?? '');
  const [member, setMember] = useState('');
  const [granting, setGranting] = useState(false);
  const [error, setError] = useState<string>();
  const [granted, setGranted] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGranting(true);
    setError(undefined);
    setGranted(undefined);
    try {
      const result = await api.grantRole(role, member.trim());
      setGranted(`${result.member} now holds ${role}.`);
      setMember('');
      onGranted(role, result);
    } catch (e) {
      setError(`Could not grant ${role}: ${describeError(e as Error)}`);
    } finally {
      setGranting(false);
    }
  };

  return (
    <InfoCard title="Grant a role">
      <form onSubmit={submit} aria-label="Grant a role">
        <Box display="flex" flexWrap="wrap" alignItems="flex-start">
          <Box mr={2} mb={2} minWidth={200}>
            <TextField
              id="access-control-grant-role"
              select
              label="Role"
              value={role}
              onChange={e => setRole(e.target.value)}
              SelectProps={{ native: true }}
              variant="outlined"
              size="small"
              fullWidth
            >
              {roles.map(name => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </TextField>
          </Box>
          <Box mr={2} mb={2} flexGrow={1} minWidth={280}>
            <TextField
              id="access-control-grant-member"
              label="User or group"
              placeholder="user:default/alice or group:default/team-payments"
              helperText="An entity ref of a user or a group"
              value={member}
              onChange={e => setMember(e.target.value)}
              variant="outlined"
              size="small"
              fullWidth
            />
          </Box>
          <Box mb={2}>
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={granting || !role || !member.trim()}
            >
              Grant
            </Button>
          </Box>
        </Box>
      </form>
      {error && (
        <Typography color="error" role="alert">
          {error}
        </Typography>
      )}
      {granted && <Typography role="status">{granted}</Typography>}
    </InfoCard>
  );
};
