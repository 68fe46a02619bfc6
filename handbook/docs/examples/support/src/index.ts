/**
 * The handbook's worked example of a frontend plugin: a page and an entity
 * card.
 *
 * @packageDocumentation
 */
export { supportPlugin as default } from './plugin';
export { SUPPORT_CHANNEL_ANNOTATION } from './annotation';
