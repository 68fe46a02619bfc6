const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { readPortalConfig } = require('./portalConfig');

describe('readPortalConfig', () => {
  let root;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-config-'));
    write(
      'app-config.yaml',
      [
        'app:',
        '  baseUrl: http://localhost:3000',
        'backend:',
        '  baseUrl: http://localhost:7007',
        '  listen:',
        '    port: 7007',
        '  database:',
        '    connection:',
        '      host: ${POSTGRES_HOST}',
      ].join('\n'),
    );
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  function write(name, text) {
    fs.writeFileSync(path.join(root, name), `${text}\n`);
  }

  it('reads the ports of app-config.yaml, with unset variables allowed', async () => {
    const { ports, appUrl, backendUrl, overrideFile } = await readPortalConfig({
      root,
      env: {},
    });
    expect(ports).toEqual([
      {
        port: 7007,
        purpose: 'the backend',
        key: 'backend.listen.port',
        source: 'app-config.yaml',
      },
      {
        port: 3000,
        purpose: 'the app dev server',
        key: 'app.baseUrl',
        source: 'app-config.yaml',
      },
    ]);
    expect(appUrl).toBe('http://localhost:3000');
    expect(backendUrl).toBe('http://localhost:7007');
    expect(overrideFile).toBe('app-config.local.yaml');
  });

  it('layers app-config.local.yaml over app-config.yaml and names it', async () => {
    write(
      'app-config.local.yaml',
      [
        'app:',
        '  baseUrl: http://localhost:3100',
        'backend:',
        '  baseUrl: http://localhost:7100',
        '  listen:',
        '    port: 7100',
      ].join('\n'),
    );
    const { ports, appUrl, backendUrl } = await readPortalConfig({
      root,
      env: {},
    });
    expect(ports.map(({ port, key, source }) => [port, key, source])).toEqual([
      [7100, 'backend.listen.port', 'app-config.local.yaml'],
      [3100, 'app.baseUrl', 'app-config.local.yaml'],
    ]);
    expect(appUrl).toBe('http://localhost:3100');
    expect(backendUrl).toBe('http://localhost:7100');
  });

  it('reads --config files instead of the default ones, relative to the root', async () => {
    write('app-config.local.yaml', 'backend:\n  listen:\n    port: 7100');
    write('other.yaml', 'backend:\n  listen: 127.0.0.1:7300');
    const { ports, overrideFile } = await readPortalConfig({
      root,
      argv: ['--config', 'app-config.yaml', '--config=other.yaml'],
      env: {},
    });
    expect(ports[0]).toEqual({
      port: 7300,
      purpose: 'the backend',
      key: 'backend.listen',
      source: 'other.yaml',
    });
    expect(overrideFile).toBe('other.yaml');
  });

  it('takes APP_CONFIG_ variables and app.listen.port as the backend and the CLI do', async () => {
    write('app-config.local.yaml', 'app:\n  listen:\n    port: 3200');
    const { ports } = await readPortalConfig({
      root,
      env: { APP_CONFIG_backend_listen_port: '7400' },
    });
    expect(ports.map(({ port, key, source }) => [port, key, source])).toEqual([
      [7400, 'backend.listen.port', 'the APP_CONFIG_* environment'],
      [3200, 'app.listen.port', 'app-config.local.yaml'],
    ]);
  });

  it('names the file and the problem when the config cannot be read', async () => {
    write('app-config.local.yaml', 'backend: [unclosed');
    await expect(readPortalConfig({ root, env: {} })).rejects.toThrow(
      /^Cannot read the configuration \(app-config\.yaml, app-config\.local\.yaml\): .*at line 2, column 1/,
    );
  });
});
