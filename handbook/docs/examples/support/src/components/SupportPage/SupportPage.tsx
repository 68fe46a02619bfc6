import {
  Content,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  catalogApiRef,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import useAsync from 'react-use/esm/useAsync';
import { SUPPORT_CHANNEL_ANNOTATION } from '../../annotation';

/** Every team that has a support channel, and the channel. */
export function SupportPage() {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(
    () =>
      catalogApi.getEntities({
        filter: {
          kind: 'group',
          [`metadata.annotations.${SUPPORT_CHANNEL_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        order: { field: 'metadata.name', order: 'asc' },
      }),
    [catalogApi],
  );

  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value?.items.length)
    body = <p>No team has a support channel yet.</p>;
  else
    body = (
      <List aria-label="Support channels">
        {value.items.map(team => {
          const channel =
            team.metadata.annotations![SUPPORT_CHANNEL_ANNOTATION];
          return (
            <ListItem key={team.metadata.name}>
              <ListItemText
                primary={<EntityRefLink entityRef={team} />}
                secondary={<Link to={channel}>{channel}</Link>}
              />
            </ListItem>
          );
        })}
      </List>
    );

  return (
    <Page themeId="tool">
      <Header title="Support" subtitle="Where each team answers questions" />
      <Content>{body}</Content>
    </Page>
  );
}
