import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { rootRouteRef } from '../../routes';
import { LevelDistribution } from '../LevelDistribution';
import { useMyTeamScorecards } from './useMyTeamScorecards';

/** Home page widget: the signed-in user's team's level distribution on each scorecard. */
export const MyTeamScorecardsWidget = () => {
  const { value, loading, error } = useMyTeamScorecards();
  const scorecardsLink = useRouteRef(rootRouteRef)?.() ?? '/scorecards';

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return (
      <Typography variant="body2">
        You are not a member of any team in the catalog yet.
      </Typography>
    );
  }

  const { team, scorecards, aggregates } = value;
  const shown = scorecards.flatMap(scorecard => {
    const aggregate = aggregates.find(a => a.scorecardId === scorecard.id);
    return aggregate && aggregate.total > 0 ? [{ scorecard, aggregate }] : [];
  });

  return (
    <>
      <Typography variant="h6" component="p">
        <EntityRefLink entityRef={team} defaultKind="group" />
      </Typography>
      {shown.length === 0 && (
        <Typography variant="body2" color="textSecondary" paragraph>
          No scorecard applies to your team's entities yet.
        </Typography>
      )}
      {shown.map(({ scorecard, aggregate }) => (
        <Box key={scorecard.id} component="section" mt={2}>
          <Typography variant="subtitle1" component="h3">
            {scorecard.title}
          </Typography>
          <Typography variant="caption" color="textSecondary" component="p">
            {aggregate.total} entities
          </Typography>
          <LevelDistribution scorecard={scorecard} levels={aggregate.levels} />
        </Box>
      ))}
      <Box mt={2}>
        <Link to={scorecardsLink}>View all scorecards</Link>
      </Box>
    </>
  );
};
