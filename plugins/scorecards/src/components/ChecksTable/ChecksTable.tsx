import { Table, TableColumn } from '@backstage/core-components';
import { RouterLink } from '@backstage/frontend-plugin-api';
import Link from '@material-ui/core/Link';
import {
  CheckCounts,
  Scorecard,
  ScorecardCheck,
} from '@internal/plugin-scorecards-common';
import { pageQuery } from '../../lib/drillDown';
import { levelTitle } from '../../lib/levels';

type Row = ScorecardCheck & {
  pass: number;
  fail: number;
  error: number;
  levelRank: number;
};

/** Props of {@link ChecksTable}. */
export interface ChecksTableProps {
  scorecard: Scorecard;
  /** Per-check counts over the entities the scorecard applies to. */
  counts: CheckCounts[];
  /** The check whose drill-down is open, if any. */
  selectedCheckId?: string;
}

/** The checks of a scorecard, lowest level first, with pass/fail/error counts; each links to its drill-down. */
export const ChecksTable = ({
  scorecard,
  counts,
  selectedCheckId,
}: ChecksTableProps) => {
  const levelIds = scorecard.levels.map(l => l.id);
  const rows: Row[] = scorecard.checks
    .map((check, index) => {
      const c = counts.find(x => x.checkId === check.id);
      const rank = levelIds.indexOf(check.level);
      return {
        ...check,
        pass: c?.pass ?? 0,
        fail: c?.fail ?? 0,
        error: c?.error ?? 0,
        levelRank: (rank < 0 ? levelIds.length : rank) * 10000 + index,
      };
    })
    .sort((a, b) => a.levelRank - b.levelRank);

  const columns: TableColumn<Row>[] = [
    {
      title: 'Check',
      field: 'title',
      render: row => (
        <Link
          component={RouterLink}
          href={pageQuery({ scorecard: scorecard.id, check: row.id })}
          aria-current={row.id === selectedCheckId ? 'true' : undefined}
        >
          {row.title}
        </Link>
      ),
    },
    {
      title: 'Level',
      field: 'level',
      render: row => levelTitle(scorecard, row.level),
    },
    { title: 'Pass', field: 'pass', type: 'numeric' },
    { title: 'Fail', field: 'fail', type: 'numeric' },
    { title: 'Error', field: 'error', type: 'numeric' },
  ];

  return (
    <Table<Row>
      title="Checks"
      subtitle="Select a check to see the entities failing it"
      columns={columns}
      data={rows}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        sorting: false,
        rowStyle: row =>
          row.id === selectedCheckId ? { fontWeight: 'bold' } : {},
      }}
    />
  );
};
