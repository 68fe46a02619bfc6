// @ts-check
const path = require('node:path');
const { ConfigSources, EnvConfigSource } = require('@backstage/config-loader');
const { ConfigReader } = require('@backstage/config');
const {
  readHttpServerOptions,
} = require('@backstage/backend-defaults/rootHttpRouter');
const { LaunchError } = require('./LaunchError');

/**
 * @typedef {{
 *   port: number,
 *   purpose: string,
 *   key: string,
 *   source: string,
 * }} PortalPort
 * A port the portal listens on: what listens there, the config key that sets
 * it and the file (or `environment`, or `default`) the value comes from.
 */

/**
 * Reads the configuration the way the backend and the app dev server do
 * (`ConfigSources.default`): the `--config` files in `argv`, else
 * `app-config.yaml` and `app-config.local.yaml` in `root`, then the
 * `APP_CONFIG_*` variables of `env`.
 *
 * @param {{ root: string, argv?: string[], env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<import('@backstage/config').AppConfig[]>} the layers, lowest first
 */
async function readConfigLayers({ root, argv = [], env = process.env }) {
  // `backstage-cli repo start` runs in `root`, so relative --config paths are
  // relative to it.
  const targets = ConfigSources.parseArgs(argv).map(target =>
    target.type === 'path'
      ? { ...target, target: path.resolve(root, target.target) }
      : target,
  );
  const source = ConfigSources.merge([
    ConfigSources.defaultForTargets({
      rootDir: root,
      targets,
      watch: false,
      substitutionFunc: async name => env[name]?.trim(),
    }),
    EnvConfigSource.create({ env }),
  ]);
  const files = targets.length
    ? targets.map(target => displayPath(root, target.target))
    : ['app-config.yaml', 'app-config.local.yaml'];
  const abort = new AbortController();
  try {
    for await (const { configs } of source.readConfigData({
      signal: abort.signal,
    })) {
      return configs;
    }
  } catch (error) {
    throw new LaunchError(
      `Cannot read the configuration (${files.join(', ')}): ${
        /** @type {Error} */ (error).message
      }`,
    );
  } finally {
    abort.abort();
  }
  return [];
}

/**
 * @param {import('@backstage/types').JsonObject} data
 * @param {string} key
 */
function hasKey(data, key) {
  try {
    return new ConfigReader(data).has(key);
  } catch {
    return false; // a parent of the key is not an object in this layer
  }
}

/**
 * Where the value at a dotted config key comes from: the last layer that
 * sets it, as the file's path relative to `root`.
 *
 * @param {import('@backstage/config').AppConfig[]} layers
 * @param {string} key
 * @param {string} root
 */
function sourceOf(layers, key, root) {
  for (let i = layers.length - 1; i >= 0; i--) {
    if (hasKey(layers[i].data, key)) {
      const { context, path: file } =
        /** @type {{ context: string, path?: string }} */ (layers[i]);
      if (file) return displayPath(root, file);
      return context === 'env' ? 'the APP_CONFIG_* environment' : context;
    }
  }
  return 'the default';
}

/**
 * A file's path relative to `root` when it is inside it, else its absolute path.
 *
 * @param {string} root
 * @param {string} file
 */
function displayPath(root, file) {
  const relative = path.relative(root, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative
    : file;
}

/**
 * The ports `./greenroom start` needs free: the backend's
 * (`backend.listen`, read by the backend's own `readHttpServerOptions`) and
 * the app dev server's (`app.listen.port`, else the port of `app.baseUrl`, as
 * `backstage-cli` picks it).
 * `overrideFile` is where a person changes them: `app-config.local.yaml`, or
 * the last `--config` file when those replace the default files.
 *
 * @param {{ root: string, argv?: string[], env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<{
 *   ports: PortalPort[],
 *   appUrl: string,
 *   backendUrl: string,
 *   overrideFile: string,
 * }>}
 */
async function readPortalConfig(options) {
  const layers = await readConfigLayers(options);
  const config = ConfigReader.fromConfigs(layers);
  const { root } = options;
  const configFiles = ConfigSources.parseArgs(options.argv ?? []).filter(
    target => target.type === 'path',
  );
  const overrideFile = configFiles.length
    ? displayPath(
        root,
        path.resolve(root, configFiles[configFiles.length - 1].target),
      )
    : 'app-config.local.yaml';

  let backendPort;
  try {
    backendPort = readHttpServerOptions(config.getOptionalConfig('backend'))
      .listen.port;
  } catch (error) {
    throw new LaunchError(
      `Invalid backend.listen: ${/** @type {Error} */ (error).message}`,
    );
  }
  // `backend.listen` is an object with a port, or a `[host:]port` string.
  const backendKey =
    typeof config.getOptional('backend.listen') === 'string'
      ? 'backend.listen'
      : 'backend.listen.port';

  const appUrl = readUrl(config, 'app.baseUrl', 'http://localhost:3000');
  const backendUrl = readUrl(
    config,
    'backend.baseUrl',
    `http://localhost:${backendPort}`,
  );
  const appKey = config.has('app.listen.port')
    ? 'app.listen.port'
    : 'app.baseUrl';
  const appPort =
    config.getOptionalNumber('app.listen.port') ?? portOf(new URL(appUrl));

  return {
    ports: [
      {
        port: backendPort,
        purpose: 'the backend',
        key: backendKey,
        source: sourceOf(layers, backendKey, root),
      },
      {
        port: appPort,
        purpose: 'the app dev server',
        key: appKey,
        source: sourceOf(layers, appKey, root),
      },
    ],
    appUrl,
    backendUrl,
    overrideFile,
  };
}

/**
 * @param {import('@backstage/config').Config} config
 * @param {string} key
 * @param {string} fallback
 */
function readUrl(config, key, fallback) {
  const value = config.getOptionalString(key) ?? fallback;
  try {
    return new URL(value).toString().replace(/\/$/, '');
  } catch {
    throw new LaunchError(`${key} must be a URL, got '${value}'.`);
  }
}

/** @param {URL} url */
function portOf(url) {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

module.exports = { readPortalConfig };
