export {
  BoundedCatalogGraphPage,
  DEFAULT_NODE_LIMIT,
} from './BoundedCatalogGraphPage';
export type { BoundedCatalogGraphPageProps } from './BoundedCatalogGraphPage';
