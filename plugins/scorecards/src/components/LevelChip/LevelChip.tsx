import Chip from '@material-ui/core/Chip';
import { Scorecard } from '@internal/plugin-scorecards-common';
import { levelColor, levelTitle } from '../../lib/levels';

/** Props of {@link LevelChip}. */
export interface LevelChipProps {
  scorecard?: Scorecard;
  /** The level reached, or null for none. */
  level: string | null;
  size?: 'small' | 'medium';
}

/** The level an entity reached on a scorecard, or "No level yet". */
export const LevelChip = ({
  scorecard,
  level,
  size = 'small',
}: LevelChipProps) => {
  if (level === null) {
    return <Chip size={size} variant="outlined" label="No level yet" />;
  }
  return (
    <Chip
      size={size}
      label={levelTitle(scorecard, level)}
      style={{ backgroundColor: levelColor(scorecard, level), color: '#fff' }}
    />
  );
};
