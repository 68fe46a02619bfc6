export { CatalogProvidersCard } from './CatalogProvidersCard';
