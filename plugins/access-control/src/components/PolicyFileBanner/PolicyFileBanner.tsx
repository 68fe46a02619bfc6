import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { PolicyFileStatus } from '@internal/plugin-access-control-common';

/**
 * Shown when the policy file cannot be used: each problem with its file and
 * line, and that every request is denied until the file is fixed.
 */
export const PolicyFileBanner = ({
  policyFile,
}: {
  policyFile: PolicyFileStatus;
}) => (
  <WarningPanel
    severity="error"
    title={`The policy file ${policyFile.file} cannot be used`}
    defaultExpanded
  >
    <div role="alert">
      <Typography gutterBottom>
        Every request is denied until it is fixed.
      </Typography>
      <ul aria-label="Policy file problems">
        {policyFile.problems.map(problem => (
          <li key={problem}>
            <code>{problem}</code>
          </li>
        ))}
      </ul>
    </div>
  </WarningPanel>
);
