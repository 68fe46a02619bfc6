export { MissingSettingsCard } from './MissingSettingsCard';
