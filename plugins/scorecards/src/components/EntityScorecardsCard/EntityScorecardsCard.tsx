import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api';
import { ENTITY_TAB_PATH } from '../../routes';
import { LevelChip } from '../LevelChip';

/** A small overview card: the level the entity reached on each scorecard. */
export const EntityScorecardsCard = () => {
  const { entity } = useEntity();
  const api = useApi(scorecardsApiRef);
  const entityLink = useEntityRefLink();
  const entityRef = stringifyEntityRef(entity);
  const tabLink = `${entityLink(entity).replace(/\/$/, '')}/${ENTITY_TAB_PATH}`;

  const { value, loading, error } = useAsync(async () => {
    const [list, results] = await Promise.all([
      api.listScorecards(),
      api.getEntityResults(entityRef),
    ]);
    return { scorecards: list.items, results: results.results };
  }, [api, entityRef]);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value?.results.length) {
    content = (
      <Typography variant="body2" color="textSecondary">
        No scorecard applies to this entity.
      </Typography>
    );
  } else {
    content = (
      <List dense disablePadding>
        {value.results.map(result => {
          const scorecard = value.scorecards.find(
            s => s.id === result.scorecardId,
          );
          return (
            <ListItem key={result.scorecardId} disableGutters>
              <ListItemText
                primary={
                  <Link to={tabLink}>
                    {scorecard?.title ?? result.scorecardId}
                  </Link>
                }
                secondary={`${result.passed} of ${result.total} checks pass`}
              />
              <ListItemSecondaryAction>
                <LevelChip scorecard={scorecard} level={result.level} />
              </ListItemSecondaryAction>
            </ListItem>
          );
        })}
      </List>
    );
  }

  return (
    <InfoCard
      title="Scorecards"
      deepLink={{ title: 'View all checks', link: tabLink }}
    >
      {content}
    </InfoCard>
  );
};
