export { scorecardsApi } from './api';
export { scorecardsPage } from './page';
export { scorecardsEntityCard, scorecardsEntityContent } from './entity';
export { myTeamScorecardsWidget } from './homeWidget';
