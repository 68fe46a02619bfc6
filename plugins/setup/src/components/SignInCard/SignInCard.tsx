import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { SignInStatus } from '@internal/plugin-setup-common';

const NAMES: Record<string, string> = {
  oidc: 'OpenID Connect',
  github: 'GitHub',
  microsoft: 'Microsoft',
  gitlab: 'GitLab',
  guest: 'Guest (development only)',
};

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** The sign-in providers of the auth environment, set up and offered. */
export const SignInCard = ({ signIn }: { signIn: SignInStatus }) => (
  <InfoCard title="Sign-in" subheader={`Environment: ${signIn.environment}`}>
    {signIn.providers.length === 0 ? (
      <Typography>No sign-in provider is configured.</Typography>
    ) : (
      <Table size="small" aria-label="Sign-in providers">
        <TableHead>
          <TableRow>
            <TableCell>Provider</TableCell>
            <TableCell>Set up</TableCell>
            <TableCell>On the sign-in page</TableCell>
            <TableCell>Signs in at</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {signIn.providers.map(p => (
            <TableRow key={p.id}>
              <TableCell>{NAMES[p.id] ?? p.id}</TableCell>
              <TableCell>{yesNo(p.configured)}</TableCell>
              <TableCell>{yesNo(p.offered)}</TableCell>
              <TableCell>{p.target ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    )}
  </InfoCard>
);
