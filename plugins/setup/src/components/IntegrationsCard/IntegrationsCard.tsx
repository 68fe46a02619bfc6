import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Integration } from '@internal/plugin-setup-common';

const AUTH: Record<Integration['auth'], string> = {
  app: 'GitHub App',
  token: 'Token',
  credentials: 'User name and password',
  none: 'None (anonymous, rate-limited)',
};

/** The hosts the portal reads repositories from, and how it authenticates. */
export const IntegrationsCard = ({
  integrations,
}: {
  integrations: Integration[];
}) => (
  <InfoCard title="Integrations">
    {integrations.length === 0 ? (
      <Typography>No integration is configured.</Typography>
    ) : (
      <Table size="small" aria-label="Integrations">
        <TableHead>
          <TableRow>
            <TableCell>Type</TableCell>
            <TableCell>Host</TableCell>
            <TableCell>Authentication</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {integrations.map(i => (
            <TableRow key={`${i.type}:${i.host}`}>
              <TableCell>{i.type}</TableCell>
              <TableCell>{i.host}</TableCell>
              <TableCell>{AUTH[i.auth] ?? i.auth}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    )}
  </InfoCard>
);
