import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  CatalogProvider,
  ProviderCounts,
  ProviderRun,
} from '@internal/plugin-setup-common';
import { formatTime, plural } from '../../lib/format';

const TYPES: Record<CatalogProvider['type'], string> = {
  githubOrg: 'GitHub organization',
  ldapOrg: 'LDAP',
  microsoftGraphOrg: 'Microsoft Graph',
  github: 'GitHub discovery',
};

function describeRun(run: ProviderRun): string {
  if (run.status === 'unknown') {
    return "Unknown: the catalog has no scheduled task for this provider (see the backend's log)";
  }
  const last = run.lastRunEndedAt
    ? `Last ran until ${formatTime(run.lastRunEndedAt)}`
    : 'Not run yet';
  if (run.status === 'running') {
    return `Running${
      run.startedAt ? ` since ${formatTime(run.startedAt)}` : ''
    }. ${last}`;
  }
  return run.nextRunAt ? `${last}; next at ${formatTime(run.nextRunAt)}` : last;
}

function describeCounts(counts: ProviderCounts): string {
  const parts = [
    counts.users !== undefined && plural(counts.users, 'user'),
    counts.groups !== undefined && plural(counts.groups, 'group'),
    counts.locations !== undefined && plural(counts.locations, 'catalog file'),
    counts.entities !== undefined &&
      plural(counts.entities, 'entity', 'entities'),
  ];
  return parts.filter(Boolean).join(', ');
}

/** The org and discovery providers, each with its last run and what it gave the catalog. */
export const CatalogProvidersCard = ({
  providers,
}: {
  providers: CatalogProvider[];
}) => (
  <InfoCard title="People, teams and repositories">
    {providers.length === 0 ? (
      <Typography>No org or discovery provider is configured.</Typography>
    ) : (
      <Table size="small" aria-label="Catalog providers">
        <TableHead>
          <TableRow>
            <TableCell>Provider</TableCell>
            <TableCell>Reads</TableCell>
            <TableCell>Last run</TableCell>
            <TableCell>In the catalog</TableCell>
            <TableCell>Last log line</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {providers.map(p => (
            <TableRow key={p.taskId}>
              <TableCell>
                {TYPES[p.type]}{' '}
                <Typography variant="caption">({p.id})</Typography>
              </TableCell>
              <TableCell>{p.target}</TableCell>
              <TableCell>{describeRun(p.run)}</TableCell>
              <TableCell>{describeCounts(p.counts)}</TableCell>
              <TableCell>
                {p.run.lastError ? (
                  <Typography color="error" variant="body2">
                    {p.run.lastError.message}
                  </Typography>
                ) : (
                  <Typography color="textSecondary" variant="body2">
                    {p.run.summary?.message ?? ''}
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    )}
  </InfoCard>
);
