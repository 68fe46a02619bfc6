import {
  Content,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useAppSearchParams } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api';
import { PAGE_PARAMS, parseStatus } from '../../lib/drillDown';
import { DefinitionErrorsBanner } from '../DefinitionErrorsBanner';
import { ScorecardOverview } from './ScorecardOverview';

/**
 * The Scorecards page. The selected scorecard and the open check drill-down
 * live in the URL: `?scorecard=<id>&check=<checkId>&status=fail|error|pass`.
 */
export const ScorecardsPage = () => {
  const api = useApi(scorecardsApiRef);
  const [params, setParams] = useAppSearchParams();
  const { value, loading, error } = useAsync(() => api.listScorecards(), [api]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <Content>
        <ResponseErrorPanel error={error} />
      </Content>
    );
  }

  const scorecards = value?.items ?? [];
  const requested = params.get(PAGE_PARAMS.scorecard);
  const selected =
    scorecards.find(s => s.id === requested) ?? scorecards[0] ?? undefined;
  const checkId =
    selected && selected.id === requested
      ? params.get(PAGE_PARAMS.check) ?? undefined
      : undefined;

  return (
    <Content>
      {!!value?.errors.length && (
        <Box mb={3}>
          <DefinitionErrorsBanner errors={value.errors} />
        </Box>
      )}
      {!selected ? (
        <EmptyState
          missing="content"
          title="No scorecards yet"
          description="Scorecards are defined as code and loaded by the scorecards backend. Once one is loaded, every team sees here how its software measures up."
        />
      ) : (
        <>
          <Box mb={3}>
            <Tabs
              value={selected.id}
              onChange={(_event, id: string) =>
                setParams({ [PAGE_PARAMS.scorecard]: id })
              }
              indicatorColor="primary"
              textColor="primary"
              variant="scrollable"
              scrollButtons="auto"
              aria-label="Scorecard"
            >
              {scorecards.map(s => (
                <Tab key={s.id} value={s.id} label={s.title} />
              ))}
            </Tabs>
          </Box>
          <ScorecardOverview
            key={selected.id}
            scorecard={selected}
            checkId={checkId}
            drillDownStatus={parseStatus(params.get(PAGE_PARAMS.status))}
          />
        </>
      )}
    </Content>
  );
};
