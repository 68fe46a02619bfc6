export { MyTeamWidget } from './MyTeamWidget';
