import path from 'node:path';
import { ConfigSources } from '@backstage/config-loader';
import { WinstonLogger } from '@backstage/backend-defaults/rootLogger';

// app-config.yaml's `backend.logger.overrides`, through the root logger's own
// level filter: the plugins' calls to each other leave no info line; people's
// requests, and every call that fails, still do.

const appConfig = path.resolve(__dirname, '../../../app-config.yaml');

type Request = {
  method: string;
  url: string;
  userAgent: string;
  status: number;
};

async function loggedAtInfo(): Promise<(request: Request) => boolean> {
  const config = await ConfigSources.toConfig(
    ConfigSources.defaultForTargets({
      rootDir: path.dirname(appConfig),
      targets: [{ type: 'path', target: appConfig }],
    }),
  );
  const filter = WinstonLogger.logLevelFilter('info');
  filter.setOverrides(
    config.getConfigArray('backend.logger.overrides').map(override => ({
      matchers: override.getConfig('matchers').get(),
      level: override.getString('level'),
    })),
  );
  return request =>
    filter.format.transform({
      level: 'info',
      message: `"${request.method} ${request.url}"`,
      type: 'incomingRequest',
      ...request,
    }) !== false;
}

const searchIndex =
  '/api/techdocs/static/docs/default/component/payments-service/search/search_index.json';

describe('the logger overrides of app-config.yaml', () => {
  let logged: (request: Request) => boolean;
  beforeAll(async () => {
    logged = await loggedAtInfo();
  });

  it.each([
    [
      'the change feed reading entities',
      'POST',
      '/api/catalog/entities/by-refs',
      'node',
      200,
    ],
    [
      'the scorecards reading docs build states',
      'POST',
      '/api/techdocs/node-generator/build-states',
      'node',
      200,
    ],
    [
      'the search collator reading a site’s index',
      'GET',
      searchIndex,
      'node',
      200,
    ],
    ['the search collator finding no site', 'GET', searchIndex, 'node', 404],
    [
      'the events bus',
      'GET',
      '/api/events/bus/v1/subscriptions/scorecards/events',
      'node',
      204,
    ],
    [
      'the MCP server listing a plugin’s actions',
      'GET',
      '/api/scorecards/.backstage/actions/v1/actions',
      'node',
      200,
    ],
    [
      'the MCP server invoking an action (audited instead)',
      'POST',
      '/api/catalog/.backstage/actions/v1/actions/catalog%3Aget-catalog-entity/invoke',
      'node',
      200,
    ],
  ])('leave out %s', (_, method, url, userAgent, status) => {
    expect(logged({ method, url, userAgent, status })).toBe(false);
  });

  it.each([
    [
      'a browser reading a site’s index',
      'GET',
      searchIndex,
      'Mozilla/5.0',
      404,
    ],
    [
      'curl reading entities',
      'POST',
      '/api/catalog/entities/by-refs',
      'curl/8.5.0',
      200,
    ],
    ['a plugin’s call that fails', 'GET', searchIndex, 'node', 500],
    [
      'an action that fails',
      'POST',
      '/api/catalog/.backstage/actions/v1/actions/catalog%3Aget-catalog-entity/invoke',
      'node',
      400,
    ],
    [
      'a plugin reading a page of a site',
      'GET',
      '/api/techdocs/static/docs/default/component/payments-service/index.html',
      'node',
      200,
    ],
    [
      'a plugin unregistering an entity',
      'DELETE',
      '/api/catalog/entities/by-uid/1234',
      'node',
      204,
    ],
  ])('keep %s', (_, method, url, userAgent, status) => {
    expect(logged({ method, url, userAgent, status })).toBe(true);
  });
});
