import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader, JsonObject, JsonValue } from '@backstage/config';
import {
  ConfigSource,
  ConfigSources,
  StaticConfigSource,
} from '@backstage/config-loader';

async function readFileLocations(files: ConfigSource): Promise<JsonValue[]> {
  for await (const { configs } of files.readConfigData()) {
    const locations =
      ConfigReader.fromConfigs(configs).getOptional('catalog.locations');
    return Array.isArray(locations) ? locations : [];
  }
  return [];
}

/**
 * The root config of production: the config files (`--config`, as Backstage's
 * own root config reads them) with what the environment sets on top. The
 * files' `catalog.locations` are kept after the environment's, so that a
 * company's own files sit next to the templates (and the demo) instead of
 * replacing them.
 */
export function rootConfigWithEnvironment(
  fromEnv: JsonObject,
  options: { argv?: string[] } = {},
) {
  return createServiceFactory({
    service: coreServices.rootConfig,
    deps: {},
    async factory() {
      const files = ConfigSources.default({ argv: options.argv });
      const envCatalog = (fromEnv.catalog ?? {}) as JsonObject;
      const envLocations = (envCatalog.locations ?? []) as JsonValue[];
      const data: JsonObject = {
        ...fromEnv,
        catalog: {
          ...envCatalog,
          locations: [...envLocations, ...(await readFileLocations(files))],
        },
      };
      const source = ConfigSources.merge([
        files,
        StaticConfigSource.create({ data, context: 'environment' }),
      ]);
      console.log(`Loading config from ${source}`);
      return await ConfigSources.toConfig(source);
    },
  });
}
