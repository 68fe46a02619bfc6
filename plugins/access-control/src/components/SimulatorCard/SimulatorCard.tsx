import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  KnownPermission,
  Simulation,
} from '@internal/plugin-access-control-common';
import { FormEvent, useState } from 'react';
import { accessControlApiRef } from '../../api';
import { describeError } from '../../lib/errors';

const RESULT_COLORS: Record<Simulation['result'], string> = {
  ALLOW: 'green',
  DENY: 'red',
  CONDITIONAL: 'darkorange',
};

/**
 * "What can a user do?": the decision of one permission for a user, on one
 * entity for a permission on catalog entities, with the user's roles and the
 * grants that decided it.
 */
export const SimulatorCard = ({
  permissions,
}: {
  permissions: KnownPermission[];
}) => {
  const api = useApi(accessControlApiRef);
  const [user, setUser] = useState('');
  const [permission, setPermission] = useState(permissions[0]?.name ?? '');
  const [entityRef, setEntityRef] = useState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string>();
  const [simulation, setSimulation] = useState<Simulation>();

  const onEntity =
    permissions.find(p => p.name === permission)?.resourceType ===
    'catalog-entity';

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setChecking(true);
    setError(undefined);
    setSimulation(undefined);
    try {
      setSimulation(
        await api.simulate({
          user: user.trim(),
          permission,
          ...(onEntity && entityRef.trim() && { entityRef: entityRef.trim() }),
        }),
      );
    } catch (e) {
      setError(`Could not check: ${describeError(e as Error)}`);
    } finally {
      setChecking(false);
    }
  };

  return (
    <InfoCard title="What can a user do?">
      <form onSubmit={check} aria-label="What can a user do?">
        <Box display="flex" flexWrap="wrap" alignItems="flex-start">
          <Box mr={2} mb={2} minWidth={260}>
            <TextField
              id="access-control-simulate-user"
              label="User"
              placeholder="user:default/alice"
              value={user}
              onChange={e => setUser(e.target.value)}
              variant="outlined"
              size="small"
              fullWidth
            />
          </Box>
          <Box mr={2} mb={2} minWidth={260}>
            <TextField
              id="access-control-simulate-permission"
              select
              label="Permission"
              value={permission}
              onChange={e => setPermission(e.target.value)}
              SelectProps={{ native: true }}
              variant="outlined"
              size="small"
              fullWidth
            >
              {permissions.map(p => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </TextField>
          </Box>
          {onEntity && (
            <Box mr={2} mb={2} minWidth={300}>
              <TextField
                id="access-control-simulate-entity"
                label="Entity"
                placeholder="component:default/payments-service"
                helperText="Optional: without one, a grant with a condition answers CONDITIONAL"
                value={entityRef}
                onChange={e => setEntityRef(e.target.value)}
                variant="outlined"
                size="small"
                fullWidth
              />
            </Box>
          )}
          <Box mb={2}>
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={checking || !user.trim() || !permission}
            >
              Check
            </Button>
          </Box>
        </Box>
      </form>
      {error && (
        <Typography color="error" role="alert">
          {error}
        </Typography>
      )}
      {simulation && (
        <section aria-label="Decision">
          <Typography
            variant="h5"
            component="p"
            style={{ color: RESULT_COLORS[simulation.result] }}
          >
            {simulation.result}
          </Typography>
          <Typography gutterBottom>{simulation.message}</Typography>
          <Typography variant="body2">
            Roles of {simulation.user}:{' '}
            {simulation.roles.length ? simulation.roles.join(', ') : 'none'}
          </Typography>
          <Typography variant="body2">Granted by:</Typography>
          {simulation.grantedBy.length === 0 ? (
            <Typography variant="body2">nothing</Typography>
          ) : (
            <ul aria-label="Granted by">
              {simulation.grantedBy.map(g => (
                <li key={g}>
                  <Typography variant="body2">{g}</Typography>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </InfoCard>
  );
};
