import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { LevelCount, Scorecard } from '@internal/plugin-scorecards-common';
import { levelColor, levelShares } from '../../lib/levels';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: '7rem 1fr 6.5rem',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  track: {
    height: 12,
    borderRadius: 6,
    backgroundColor: theme.palette.action.hover,
    overflow: 'hidden',
  },
  bar: { height: '100%', borderRadius: 6 },
  value: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
}));

/** Props of {@link LevelDistribution}. */
export interface LevelDistributionProps {
  scorecard?: Scorecard;
  levels: LevelCount[];
}

/** One bar per level, "No level" first, with its count and share of the total. */
export const LevelDistribution = ({
  scorecard,
  levels,
}: LevelDistributionProps) => {
  const classes = useStyles();
  return (
    <Box role="list" aria-label="Level distribution">
      {levelShares(scorecard, levels).map(share => (
        <Box
          key={share.level ?? 'none'}
          role="listitem"
          className={classes.row}
          aria-label={`${share.title}: ${share.count} (${share.percent}%)`}
        >
          <Typography variant="body2" noWrap>
            {share.title}
          </Typography>
          <Box className={classes.track}>
            <Box
              className={classes.bar}
              style={{
                width: `${share.percent}%`,
                backgroundColor: levelColor(scorecard, share.level),
              }}
            />
          </Box>
          <Typography variant="body2" className={classes.value}>
            {share.count} ({share.percent}%)
          </Typography>
        </Box>
      ))}
    </Box>
  );
};
