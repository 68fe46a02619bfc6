export { CheckStatusLabel } from './CheckStatusLabel';
