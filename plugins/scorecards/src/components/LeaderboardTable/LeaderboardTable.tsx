import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  LeaderboardEntry,
  Scorecard,
} from '@internal/plugin-scorecards-common';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api';
import { countOf, NO_LEVEL_TITLE } from '../../lib/levels';

type Row = LeaderboardEntry & { rank: number; id: string };

function columnsFor(scorecard: Scorecard): TableColumn<Row>[] {
  const levelColumns: TableColumn<Row>[] = [
    { id: null, title: NO_LEVEL_TITLE },
    ...scorecard.levels,
  ].map(level => ({
    title: level.title,
    type: 'numeric',
    render: row => countOf(row.levels, level.id),
  }));

  return [
    { title: 'Rank', field: 'rank', type: 'numeric', width: '4rem' },
    {
      title: 'Team',
      field: 'groupRef',
      render: row => (
        <EntityRefLink entityRef={row.groupRef} defaultKind="group">
          {row.title}
        </EntityRefLink>
      ),
    },
    { title: 'Entities', field: 'total', type: 'numeric' },
    ...levelColumns,
    {
      title: 'Pass rate',
      field: 'passRate',
      type: 'numeric',
      render: row => `${Math.round(row.passRate * 100)}%`,
    },
  ];
}

/** Every team's standing on a scorecard, best first, counting child teams. */
export const LeaderboardTable = ({ scorecard }: { scorecard: Scorecard }) => {
  const api = useApi(scorecardsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getLeaderboard(scorecard.id),
    [api, scorecard.id],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  const rows: Row[] = (value?.items ?? []).map((entry, index) => ({
    ...entry,
    rank: index + 1,
    id: entry.groupRef,
  }));

  return (
    <Table<Row>
      title="Team leaderboard"
      columns={columnsFor(scorecard)}
      data={rows}
      options={{
        paging: rows.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
        sorting: false,
      }}
      emptyContent={
        <div style={{ padding: 16 }}>
          No team owns entities this scorecard applies to.
        </div>
      }
    />
  );
};
