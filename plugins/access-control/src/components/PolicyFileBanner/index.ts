export { PolicyFileBanner } from './PolicyFileBanner';
