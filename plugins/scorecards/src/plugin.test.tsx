import { screen } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { scorecardsApiRef } from './api';
import plugin from './index';
import { mockScorecardsApi } from './testUtils/fixtures';

describe('scorecards plugin', () => {
  it('is the default export, with the page, nav, entity and home extensions', () => {
    expect(plugin.pluginId).toBe('scorecards');
    expect(plugin.title).toBe('Scorecards');
    expect(plugin.getExtension('page:scorecards')).toBeDefined();
    expect(plugin.getExtension('api:scorecards')).toBeDefined();
    expect(
      plugin.getExtension('entity-content:scorecards/scorecards'),
    ).toBeDefined();
    expect(
      plugin.getExtension('entity-card:scorecards/scorecards'),
    ).toBeDefined();
    expect(
      plugin.getExtension('home-page-widget:scorecards/my-team-scorecards'),
    ).toBeDefined();
  });

  it('serves the Scorecards page at /scorecards', async () => {
    const api = mockScorecardsApi();
    renderTestApp({
      features: [plugin],
      apis: [[scorecardsApiRef, api]],
      initialRouteEntries: ['/scorecards'],
    });

    expect(
      await screen.findByRole('tab', { name: 'Production readiness' }),
    ).toBeInTheDocument();
    expect(api.listScorecards).toHaveBeenCalled();
  });
});
