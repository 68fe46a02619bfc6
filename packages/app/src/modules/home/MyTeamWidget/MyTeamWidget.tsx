import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { Entity, RELATION_HAS_MEMBER } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useMyTeam } from './useMyTeam';

const columns: TableColumn<Entity>[] = [
  {
    title: 'Component',
    render: entity => (
      <EntityRefLink entityRef={entity} defaultKind="component" />
    ),
  },
  { title: 'Type', render: entity => String(entity.spec?.type ?? '') },
  {
    title: 'Lifecycle',
    render: entity => String(entity.spec?.lifecycle ?? ''),
  },
];

/** The signed-in user's team, its members count and the components it owns. */
export const MyTeamWidget = () => {
  const { value, loading, error } = useMyTeam();

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return (
      <Typography variant="body2">
        You are not a member of any team in the catalog yet.
      </Typography>
    );
  }

  const { team, components } = value;
  const members =
    team.relations?.filter(r => r.type === RELATION_HAS_MEMBER).length ?? 0;

  return (
    <>
      <Typography variant="h6" component="p">
        <EntityRefLink entityRef={team} defaultKind="group" />
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        {team.metadata.description ?? ''} {members} members ·{' '}
        {components.length} components
      </Typography>
      <Table<Entity>
        columns={columns}
        data={components}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
      />
    </>
  );
};
