import Button from '@material-ui/core/Button';
import Snackbar from '@material-ui/core/Snackbar';
import SnackbarContent from '@material-ui/core/SnackbarContent';
import { GraphBounds } from './useGraphBounds';

/**
 * Says that the graph does not show every related entity, and offers more:
 * `step` more entities when the node limit cut it, one level deeper when the
 * depth did. Shows nothing when the whole graph is shown.
 */
export function GraphLimitNotice(props: {
  bounds: GraphBounds;
  maxDepth: number;
  step: number;
  onShowMore: () => void;
  onGoDeeper: () => void;
}) {
  const { bounds, maxDepth, step, onShowMore, onGoDeeper } = props;
  if (!bounds.limitedBy) {
    return null;
  }
  const shown = bounds.shown.size;
  const hidden = bounds.found - shown;
  const content =
    bounds.limitedBy === 'nodes'
      ? {
          message: `The graph is limited to the ${shown} nearest entities; at least ${hidden} more are related.`,
          action: `Show ${step} more`,
          onClick: onShowMore,
        }
      : {
          message: `The graph is limited to ${maxDepth} ${
            maxDepth === 1 ? 'relation' : 'relations'
          } away; ${hidden} more entities are one level further.`,
          action: 'Go one level deeper',
          onClick: onGoDeeper,
        };
  return (
    <Snackbar open anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
      <SnackbarContent
        message={content.message}
        action={
          <Button color="secondary" size="small" onClick={content.onClick}>
            {content.action}
          </Button>
        }
      />
    </Snackbar>
  );
}
