import { InfoCard, MarkdownContent } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EntityScorecardResult,
  Scorecard,
} from '@internal/plugin-scorecards-common';
import { CheckRow, groupChecks, nextLevel } from '../../lib/groupChecks';
import { CheckStatusLabel } from '../CheckStatusLabel';
import { LevelChip } from '../LevelChip';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  group: { marginTop: theme.spacing(2) },
  row: { alignItems: 'flex-start', gap: theme.spacing(2) },
  status: { minWidth: 110, paddingTop: 2 },
  fix: {
    marginTop: theme.spacing(1),
    padding: theme.spacing(1, 2),
    borderLeft: `4px solid ${theme.palette.divider}`,
  },
  label: { fontWeight: theme.typography.fontWeightBold as number },
}));

const CheckItem = ({ row }: { row: CheckRow }) => {
  const classes = useStyles();
  const { check, result } = row;
  const failing = result?.status === 'fail' || result?.status === 'error';
  return (
    <ListItem divider className={classes.row} data-testid={`check-${check.id}`}>
      <Box className={classes.status}>
        <CheckStatusLabel status={result?.status} />
      </Box>
      <Box flex={1}>
        <Typography variant="subtitle1" component="h4">
          {check.title}
        </Typography>
        {check.description && (
          <Typography variant="body2" color="textSecondary">
            {check.description}
          </Typography>
        )}
        {failing && result?.reason && (
          <Typography variant="body2">
            <span className={classes.label}>Reason: </span>
            <span>{result.reason}</span>
          </Typography>
        )}
        {failing && check.fix && (
          <Box className={classes.fix}>
            <Typography variant="overline" component="p">
              How to fix
            </Typography>
            <MarkdownContent content={check.fix} />
          </Box>
        )}
      </Box>
    </ListItem>
  );
};

/** Props of {@link ScorecardResultCard}. */
export interface ScorecardResultCardProps {
  /** The definition, for titles, levels and fixes (undefined if unknown). */
  scorecard?: Scorecard;
  result: EntityScorecardResult;
}

/** One entity's result on one scorecard: level, passed checks and every check by level. */
export const ScorecardResultCard = ({
  scorecard,
  result,
}: ScorecardResultCardProps) => {
  const classes = useStyles();
  const next = nextLevel(scorecard, result);
  const evaluatedAt = new Date(result.evaluatedAt);

  return (
    <InfoCard
      title={scorecard?.title ?? result.scorecardId}
      subheader={scorecard?.description}
    >
      <Box className={classes.summary}>
        <LevelChip scorecard={scorecard} level={result.level} size="medium" />
        <Typography variant="body1">
          {result.passed} of {result.total} checks pass
        </Typography>
        {next ? (
          <Typography variant="body2" color="textSecondary">
            Next level: {next.title} ({next.toFix.length} to fix)
          </Typography>
        ) : (
          <Typography variant="body2" color="textSecondary">
            Top level reached
          </Typography>
        )}
        {!isNaN(evaluatedAt.getTime()) && (
          <Typography variant="caption" color="textSecondary">
            Evaluated {evaluatedAt.toLocaleString()}
          </Typography>
        )}
      </Box>
      {groupChecks(scorecard, result).map(group => (
        <section key={group.level ?? 'other'} className={classes.group}>
          <Typography variant="h6" component="h3">
            {group.title} checks
          </Typography>
          <List dense disablePadding>
            {group.rows.map(row => (
              <CheckItem key={row.check.id} row={row} />
            ))}
          </List>
        </section>
      ))}
    </InfoCard>
  );
};
