import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';

/** Home page widget "My team's scorecards" (component name `MyTeamScorecards`). */
export const myTeamScorecardsWidget = HomePageWidgetBlueprint.make({
  name: 'my-team-scorecards',
  params: {
    name: 'MyTeamScorecards',
    title: "My team's scorecards",
    description: "How your team's software measures up on each scorecard",
    components: () =>
      import('../components/MyTeamScorecardsWidget').then(m => ({
        Content: m.MyTeamScorecardsWidget,
      })),
  },
});
