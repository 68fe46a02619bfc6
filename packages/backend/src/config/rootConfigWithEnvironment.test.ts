import {
  coreServices,
  createBackendPlugin,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { rootConfigWithEnvironment } from './rootConfigWithEnvironment';

describe('rootConfigWithEnvironment', () => {
  const dir = createMockDirectory();

  async function rootConfig(
    fromEnv: Parameters<typeof rootConfigWithEnvironment>[0],
  ) {
    let config: RootConfigService | undefined;
    const reader = createBackendPlugin({
      pluginId: 'reader',
      register(reg) {
        reg.registerInit({
          deps: { rootConfig: coreServices.rootConfig },
          async init(deps) {
            config = deps.rootConfig;
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        reader,
        rootConfigWithEnvironment(fromEnv, {
          // no file watchers left behind by the test
          watch: false,
          argv: [
            '--config',
            dir.resolve('app-config.yaml'),
            '--config',
            dir.resolve('app-config.production.yaml'),
          ],
        }),
      ],
    });
    await backend.stop();
    return config!;
  }

  beforeEach(() => {
    dir.setContent({
      'app-config.yaml': [
        'app: { title: Greenroom, baseUrl: http://localhost:3000 }',
        'backend: { baseUrl: http://localhost:7007, listen: { port: 7007 } }',
        'catalog:',
        '  locations: [{ type: file, target: ../../demo/catalog.yaml }]',
        '  rules: [{ allow: [Component] }]',
      ].join('\n'),
      'app-config.production.yaml': [
        'backend: { listen: ":7007" }',
        'catalog: { locations: [{ type: file, target: ./org/users.yaml }] }',
      ].join('\n'),
    });
  });

  it('puts what the environment sets over the config files', async () => {
    const config = await rootConfig({
      app: { baseUrl: 'https://greenroom.example.com' },
      backend: { baseUrl: 'https://greenroom.example.com' },
    });
    expect(config.getString('app.baseUrl')).toBe(
      'https://greenroom.example.com',
    );
    expect(config.getString('app.title')).toBe('Greenroom');
    expect(config.getString('backend.baseUrl')).toBe(
      'https://greenroom.example.com',
    );
    expect(config.getString('backend.listen')).toBe(':7007');
  });

  it("keeps the files' catalog locations after the environment's", async () => {
    const config = await rootConfig({
      catalog: {
        locations: [{ type: 'file', target: './templates/catalog-info.yaml' }],
      },
    });
    expect(config.get('catalog.locations')).toEqual([
      { type: 'file', target: './templates/catalog-info.yaml' },
      { type: 'file', target: './org/users.yaml' },
    ]);
  });

  it("adds the environment's catalog rules to the files'", async () => {
    const extra = {
      allow: ['Group'],
      locations: [{ type: 'url', pattern: 'https://github.com/acme/**' }],
    };
    const config = await rootConfig({ catalog: { rules: [extra] } });
    expect(config.get('catalog.rules')).toEqual([
      extra,
      { allow: ['Component'] },
    ]);
    expect(config.get('catalog.locations')).toEqual([
      { type: 'file', target: './org/users.yaml' },
    ]);
  });
});
