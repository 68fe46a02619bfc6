export { MyTeamScorecardsWidget } from './MyTeamScorecardsWidget';
