import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { Scorecard } from '@internal/plugin-scorecards-common';
import useAsync from 'react-use/esm/useAsync';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { HistoryQuery, scorecardsApiRef } from '../../api';
import { toTrendData } from '../../lib/history';

/** Props of {@link ScorecardTrend}. */
export interface ScorecardTrendProps {
  scorecard: Scorecard;
  /** Narrows the history to an entity, group or system; 90 days by default. */
  query?: HistoryQuery;
  height?: number;
}

/** Stacked areas of how many entities were at each level, day by day. */
export const ScorecardTrend = ({
  scorecard,
  query,
  height = 260,
}: ScorecardTrendProps) => {
  const api = useApi(scorecardsApiRef);
  const { entity, group, system, days = 90 } = query ?? {};
  const { value, loading, error } = useAsync(
    () => api.getHistory(scorecard.id, { entity, group, system, days }),
    [api, scorecard.id, entity, group, system, days],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const points = value?.items ?? [];
  if (!points.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No history yet: results are recorded once a day.
      </Typography>
    );
  }

  const { series, rows } = toTrendData(scorecard, points);
  return (
    <div
      role="img"
      aria-label={`Entities per level over the last ${days} days`}
      style={{ width: '100%', height }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart
          data={rows}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {series.map(s => (
            <Area
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.title}
              stackId="levels"
              stroke={s.color}
              fill={s.color}
              fillOpacity={0.6}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
};
