import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import ContactSupportIcon from '@material-ui/icons/ContactSupport';
import { SUPPORT_CHANNEL_ANNOTATION } from './annotation';
import { rootRouteRef } from './routes';

/** The Support page at `/support`, and its sidebar item. */
export const supportPage = PageBlueprint.make({
  params: {
    path: '/support',
    title: 'Support',
    icon: <ContactSupportIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/SupportPage').then(m => <m.SupportPage />),
  },
});

/** The "Support" card on the overview of entities that name a channel. */
export const supportEntityCard = EntityCardBlueprint.make({
  name: 'support-channel',
  params: {
    type: 'info',
    filter: entity =>
      Boolean(entity.metadata.annotations?.[SUPPORT_CHANNEL_ANNOTATION]),
    loader: () =>
      import('./components/SupportChannelCard').then(m => (
        <m.SupportChannelCard />
      )),
  },
});
