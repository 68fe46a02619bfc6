import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { CheckStatus, Scorecard } from '@internal/plugin-scorecards-common';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api';
import { CheckDrillDown } from '../CheckDrillDown';
import { ChecksTable } from '../ChecksTable';
import { LeaderboardTable } from '../LeaderboardTable';
import { LevelDistribution } from '../LevelDistribution';
import { ScorecardTrend } from '../ScorecardTrend';

/** How many days the page's trend chart covers. */
export const TREND_DAYS = 90;

/** Props of {@link ScorecardOverview}. */
export interface ScorecardOverviewProps {
  scorecard: Scorecard;
  /** The check whose drill-down is open, if any. */
  checkId?: string;
  drillDownStatus: CheckStatus;
}

/** One scorecard across the organisation: distribution, trend, leaderboard, checks and drill-down. */
export const ScorecardOverview = ({
  scorecard,
  checkId,
  drillDownStatus,
}: ScorecardOverviewProps) => {
  const api = useApi(scorecardsApiRef);
  const aggregate = useAsync(async () => {
    const { items } = await api.getAggregates({ scorecard: scorecard.id });
    return items.find(a => a.scorecardId === scorecard.id);
  }, [api, scorecard.id]);

  return (
    <Grid container spacing={3}>
      {scorecard.description && (
        <Grid item xs={12}>
          <Typography variant="body1" color="textSecondary">
            {scorecard.description}
          </Typography>
        </Grid>
      )}
      <Grid item xs={12} md={5}>
        <InfoCard
          title="Level distribution"
          subheader={
            aggregate.value ? `${aggregate.value.total} entities` : undefined
          }
        >
          {aggregate.loading && <Progress />}
          {aggregate.error && <ResponseErrorPanel error={aggregate.error} />}
          {aggregate.value && (
            <LevelDistribution
              scorecard={scorecard}
              levels={aggregate.value.levels}
            />
          )}
          {!aggregate.loading && !aggregate.error && !aggregate.value && (
            <Typography variant="body2" color="textSecondary">
              No results yet.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title={`Trend (last ${TREND_DAYS} days)`}>
          <ScorecardTrend scorecard={scorecard} query={{ days: TREND_DAYS }} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <LeaderboardTable scorecard={scorecard} />
      </Grid>
      <Grid item xs={12} lg={checkId ? 6 : 12}>
        {aggregate.error ? (
          <ResponseErrorPanel error={aggregate.error} />
        ) : (
          <ChecksTable
            scorecard={scorecard}
            counts={aggregate.value?.checks ?? []}
            selectedCheckId={checkId}
          />
        )}
      </Grid>
      {checkId && (
        <Grid item xs={12} lg={6}>
          <CheckDrillDown
            scorecard={scorecard}
            checkId={checkId}
            status={drillDownStatus}
          />
        </Grid>
      )}
    </Grid>
  );
};
