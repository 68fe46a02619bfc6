import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { RouterLink, useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import {
  CheckEntity,
  CheckEntityPage,
  CheckStatus,
  Scorecard,
} from '@internal/plugin-scorecards-common';
import { useCallback, useEffect, useState } from 'react';
import { scorecardsApiRef } from '../../api';
import { DRILL_DOWN_STATUSES, pageQuery } from '../../lib/drillDown';
import { levelTitle } from '../../lib/levels';
import { CheckStatusLabel } from '../CheckStatusLabel';
import { LevelChip } from '../LevelChip';

const statusLabels: Record<CheckStatus, string> = {
  fail: 'Failing',
  error: 'Erroring',
  pass: 'Passing',
};

type Row = CheckEntity & { id: string };

/** Props of {@link CheckDrillDown}. */
export interface CheckDrillDownProps {
  scorecard: Scorecard;
  checkId: string;
  /** Which entities to list; fail by default. */
  status: CheckStatus;
}

/** The entities failing (or erroring on, or passing) one check, with the reason. */
export const CheckDrillDown = ({
  scorecard,
  checkId,
  status,
}: CheckDrillDownProps) => {
  const check = scorecard.checks.find(c => c.id === checkId);
  const { pages, loading, error, loadMore } = useCheckEntityPages(
    scorecard.id,
    checkId,
    status,
  );

  const columns: TableColumn<Row>[] = [
    {
      title: 'Entity',
      field: 'entityRef',
      render: row => <EntityRefLink entityRef={row.entityRef} />,
    },
    {
      title: 'Status',
      field: 'status',
      render: row => <CheckStatusLabel status={row.status} />,
    },
    { title: 'Reason', field: 'reason', render: row => row.reason ?? '' },
    {
      title: 'Entity level',
      field: 'level',
      render: row => <LevelChip scorecard={scorecard} level={row.level} />,
    },
  ];

  const rows = pages.flatMap(p =>
    p.items.map(item => ({ ...item, id: item.entityRef })),
  );
  const last = pages[pages.length - 1];
  let content;
  if (loading && pages.length === 0) {
    content = <Progress />;
  } else if (error && pages.length === 0) {
    content = <ResponseErrorPanel error={error} />;
  } else {
    content = rows.length ? (
      <>
        <Table<Row>
          columns={columns}
          data={rows}
          options={{
            // a filter box: a check can fail for hundreds of entities
            toolbar: true,
            showTitle: false,
            search: true,
            paging: rows.length > 20,
            pageSize: 20,
            padding: 'dense',
          }}
        />
        <Box
          mt={1}
          display="flex"
          alignItems="center"
          justifyContent="space-between"
        >
          <Typography variant="body2" color="textSecondary">
            {rows.length} of {last?.totalItems ?? rows.length} entities
          </Typography>
          {last?.nextCursor && (
            <Button size="small" onClick={loadMore} disabled={loading}>
              Load more
            </Button>
          )}
        </Box>
        {error && <ResponseErrorPanel error={error} />}
      </>
    ) : (
      <Typography variant="body2" color="textSecondary">
        No entity has this status on this check.
      </Typography>
    );
  }

  return (
    <InfoCard
      title={`Check: ${check?.title ?? checkId}`}
      subheader={
        check
          ? `${levelTitle(scorecard, check.level)} level · ${
              statusLabels[status]
            } entities`
          : `${statusLabels[status]} entities`
      }
      action={
        <Button
          component={RouterLink}
          href={pageQuery({ scorecard: scorecard.id })}
          startIcon={<CloseIcon />}
          aria-label="Close check drill-down"
        >
          Close
        </Button>
      }
    >
      {check?.description && (
        <Typography variant="body2" paragraph>
          {check.description}
        </Typography>
      )}
      <Box mb={2}>
        <ButtonGroup
          size="small"
          role="navigation"
          aria-label="Entities to list"
        >
          {DRILL_DOWN_STATUSES.map(s => (
            <Button
              key={s}
              component={RouterLink}
              href={pageQuery({
                scorecard: scorecard.id,
                check: checkId,
                status: s,
              })}
              variant={s === status ? 'contained' : 'outlined'}
              color={s === status ? 'primary' : 'default'}
              role="link"
              aria-current={s === status ? 'true' : undefined}
            >
              {statusLabels[s]}
            </Button>
          ))}
        </ButtonGroup>
      </Box>
      {content}
    </InfoCard>
  );
};

/**
 * The pages of a check's entities loaded so far: the first one at once, each
 * next one on loadMore(); starts over when the check or status changes.
 */
function useCheckEntityPages(
  scorecardId: string,
  checkId: string,
  status: CheckStatus,
) {
  const api = useApi(scorecardsApiRef);
  const [pages, setPages] = useState<CheckEntityPage[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();

  useEffect(() => {
    let current = true;
    setPages([]);
    setError(undefined);
    setLoading(true);
    api
      .getCheckEntities(scorecardId, checkId, status)
      .then(
        page => current && setPages([page]),
        e => current && setError(e),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [api, scorecardId, checkId, status]);

  const cursor = pages[pages.length - 1]?.nextCursor;
  const loadMore = useCallback(() => {
    if (!cursor) return;
    setLoading(true);
    setError(undefined);
    api
      .getCheckEntities(scorecardId, checkId, status, { cursor })
      .then(page => setPages(before => [...before, page]), setError)
      .finally(() => setLoading(false));
  }, [api, scorecardId, checkId, status, cursor]);

  return { pages, loading, error, loadMore };
}
