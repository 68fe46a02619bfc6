import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';

const myTeamWidget = HomePageWidgetBlueprint.make({
  name: 'my-team',
  params: {
    name: 'MyTeam',
    title: 'My team',
    description: 'Your team and the components it owns',
    components: () =>
      import('./MyTeamWidget').then(m => ({ Content: m.MyTeamWidget })),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [myTeamWidget],
});
