export { LeaderboardTable } from './LeaderboardTable';
