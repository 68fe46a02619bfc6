import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { FactProvider } from './FactProvider';

/** Lets backend modules add fact providers to the scorecards plugin. */
export interface ScorecardsFactProvidersExtensionPoint {
  addFactProvider(...providers: FactProvider[]): void;
}

/**
 * Extension point for fact providers:
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'scorecards',
 *   moduleId: 'my-facts',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { facts: scorecardsFactProvidersExtensionPoint },
 *       async init({ facts }) {
 *         facts.addFactProvider(new MyFactProvider());
 *       },
 *     });
 *   },
 * });
 * ```
 */
export const scorecardsFactProvidersExtensionPoint =
  createExtensionPoint<ScorecardsFactProvidersExtensionPoint>({
    id: 'scorecards.factProviders',
  });
