import { Entity } from '@backstage/catalog-model';
import {
  EntityScorecardResult,
  Scorecard,
} from '@internal/plugin-scorecards-common';
import { ScorecardsApi } from '../api';

/** A three-level scorecard used across the tests. */
export const productionReadiness: Scorecard = {
  id: 'production-readiness',
  title: 'Production readiness',
  description: 'What a service needs before it takes traffic.',
  appliesTo: { kind: ['Component'] },
  levels: [
    { id: 'bronze', title: 'Bronze' },
    { id: 'silver', title: 'Silver' },
    { id: 'gold', title: 'Gold' },
  ],
  checks: [
    {
      id: 'has-owner',
      title: 'Has an owner',
      level: 'bronze',
      fix: 'Set `spec.owner` in catalog-info.yaml.',
    },
    {
      id: 'has-docs',
      title: 'Has TechDocs',
      description: 'Docs live next to the code.',
      level: 'silver',
      fix: 'Add the **backstage.io/techdocs-ref** annotation.',
    },
    {
      id: 'has-runbook',
      title: 'Has a runbook',
      level: 'gold',
      fix: 'Link a runbook from `metadata.links`.',
    },
  ],
};

/** The component the entity tests show. */
export const paymentsService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

/** payments-service reached Bronze, fails the docs check, errors on the runbook. */
export const paymentsResult: EntityScorecardResult = {
  scorecardId: 'production-readiness',
  entityRef: 'component:default/payments-service',
  level: 'bronze',
  levelIndex: 0,
  passed: 1,
  total: 3,
  evaluatedAt: '2025-11-20T10:00:00.000Z',
  checks: [
    { checkId: 'has-owner', status: 'pass' },
    {
      checkId: 'has-docs',
      status: 'fail',
      reason: 'No backstage.io/techdocs-ref annotation',
    },
    { checkId: 'has-runbook', status: 'error', reason: 'Links unreadable' },
  ],
};

/** A ScorecardsApi whose every method is a jest mock. */
export type MockScorecardsApi = {
  [K in keyof ScorecardsApi]: jest.MockedFunction<ScorecardsApi[K]>;
};

/** A mocked ScorecardsApi with sensible defaults; pass the methods to replace. */
export function mockScorecardsApi(
  overrides: Partial<ScorecardsApi> = {},
): MockScorecardsApi {
  const impl: ScorecardsApi = {
    listScorecards: async () => ({ items: [productionReadiness], errors: [] }),
    getEntityResults: async () => ({
      entityRef: paymentsResult.entityRef,
      results: [paymentsResult],
    }),
    refreshEntity: async () => ({
      entityRef: paymentsResult.entityRef,
      results: [paymentsResult],
    }),
    getAggregates: async () => ({ items: [] }),
    getLeaderboard: async () => ({ items: [] }),
    getCheckEntities: async () => ({ items: [], totalItems: 0 }),
    getHistory: async () => ({ items: [] }),
    ...overrides,
  };
  return {
    listScorecards: jest.fn(impl.listScorecards),
    getEntityResults: jest.fn(impl.getEntityResults),
    refreshEntity: jest.fn(impl.refreshEntity),
    getAggregates: jest.fn(impl.getAggregates),
    getLeaderboard: jest.fn(impl.getLeaderboard),
    getCheckEntities: jest.fn(impl.getCheckEntities),
    getHistory: jest.fn(impl.getHistory),
  };
}
