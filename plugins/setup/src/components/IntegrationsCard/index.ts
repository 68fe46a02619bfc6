export { IntegrationsCard } from './IntegrationsCard';
