import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { scorecardsEntityRefreshPermission } from '@internal/plugin-scorecards-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import { describeError } from '../../lib/errors';
import { ScorecardResultCard } from '../ScorecardResultCard';
import { useEntityScorecards } from './useEntityScorecards';

/**
 * The entity page's "Scorecards" tab: every scorecard result of the entity,
 * and a "Re-evaluate" button for those who may re-evaluate this entity.
 */
export const EntityScorecardsContent = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const {
    loading,
    error,
    scorecards,
    results,
    refresh,
    refreshing,
    refreshError,
  } = useEntityScorecards(entityRef);
  const { allowed: canRefresh } = usePermission({
    permission: scorecardsEntityRefreshPermission,
    resourceRef: entityRef,
  });

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box display="flex" alignItems="center" justifyContent="space-between">
          <Typography variant="body1" color="textSecondary">
            How this {entity.kind.toLocaleLowerCase('en-US')} measures up, and
            what to fix next.
          </Typography>
          {canRefresh && (
            <Button
              variant="outlined"
              color="primary"
              startIcon={<RefreshIcon />}
              disabled={refreshing}
              onClick={() => refresh()}
            >
              {refreshing ? 'Re-evaluating…' : 'Re-evaluate'}
            </Button>
          )}
        </Box>
        {refreshError && (
          <Box mt={2}>
            <Alert severity="error">
              Could not re-evaluate: {describeError(refreshError)}
            </Alert>
          </Box>
        )}
      </Grid>
      {!results?.length ? (
        <Grid item xs={12}>
          <EmptyState
            missing="data"
            title="No scorecard applies to this entity"
            description="Scorecards apply to entities by kind, type, lifecycle, tags or owner. None of the loaded scorecards matches this one yet."
          />
        </Grid>
      ) : (
        results.map(result => (
          <Grid item xs={12} key={result.scorecardId}>
            <ScorecardResultCard
              result={result}
              scorecard={scorecards.find(s => s.id === result.scorecardId)}
            />
          </Grid>
        ))
      )}
    </Grid>
  );
};
