import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ScorecardDefinitionError } from '@internal/plugin-scorecards-common';

/** Problems found in scorecard definition files: file, scorecard, check and message. */
export const DefinitionErrorsBanner = ({
  errors,
}: {
  errors: ScorecardDefinitionError[];
}) => {
  if (!errors.length) {
    return null;
  }
  return (
    <Alert severity="warning" aria-label="Scorecard definition errors">
      <AlertTitle>
        {errors.length === 1
          ? '1 problem in the scorecard definitions'
          : `${errors.length} problems in the scorecard definitions`}
      </AlertTitle>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {errors.map((e, index) => (
          <li key={index}>
            <code>{e.file}</code>
            {e.scorecard && <> · scorecard {e.scorecard}</>}
            {e.check && <> · check {e.check}</>}: {e.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
};
