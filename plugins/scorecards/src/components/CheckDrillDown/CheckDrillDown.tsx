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
  CheckStatus,
  Scorecard,
} from '@internal/plugin-scorecards-common';
import useAsync from 'react-use/esm/useAsync';
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
  const api = useApi(scorecardsApiRef);
  const check = scorecard.checks.find(c => c.id === checkId);
  const { value, loading, error } = useAsync(
    () => api.getCheckEntities(scorecard.id, checkId, status),
    [api, scorecard.id, checkId, status],
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

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else {
    const rows = (value?.items ?? []).map(item => ({
      ...item,
      id: item.entityRef,
    }));
    content = rows.length ? (
      <Table<Row>
        columns={columns}
        data={rows}
        options={{
          toolbar: false,
          paging: rows.length > 20,
          pageSize: 20,
          padding: 'dense',
        }}
      />
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
