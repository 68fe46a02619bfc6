/**
 * The handbook's worked example of a catalog module: an entity provider.
 *
 * @packageDocumentation
 */
export { catalogModuleInventory as default } from './module';
export { InventoryEntityProvider } from './InventoryEntityProvider';
export type { InventoryService } from './InventoryEntityProvider';
