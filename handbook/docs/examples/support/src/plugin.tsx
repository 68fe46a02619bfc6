import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import ContactSupportIcon from '@material-ui/icons/ContactSupport';
import { supportEntityCard, supportPage } from './extensions';
import { rootRouteRef } from './routes';

/** Where to get help: a Support page and a card on entity pages. */
export const supportPlugin = createFrontendPlugin({
  pluginId: 'support',
  title: 'Support',
  icon: <ContactSupportIcon />,
  routes: { root: rootRouteRef },
  extensions: [supportPage, supportEntityCard],
});
