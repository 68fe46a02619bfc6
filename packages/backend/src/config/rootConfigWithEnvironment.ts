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

/** The catalog's lists that the environment extends instead of replacing. */
const extendedCatalogLists = ['locations', 'rules'];

async function readFileCatalogLists(
  files: ConfigSource,
): Promise<Record<string, JsonValue[]>> {
  for await (const { configs } of files.readConfigData()) {
    const config = ConfigReader.fromConfigs(configs);
    return Object.fromEntries(
      extendedCatalogLists.map(key => {
        const list = config.getOptional(`catalog.${key}`);
        return [key, Array.isArray(list) ? list : []];
      }),
    );
  }
  return {};
}

/**
 * The root config of production: the config files (`--config`, as Backstage's
 * own root config reads them) with what the environment sets on top. The
 * environment's `catalog.locations` and `catalog.rules` come before the
 * files' instead of replacing them (config arrays do not merge), so that a
 * company's own files sit next to the templates (and the demo), and rules
 * from the environment add to app-config.yaml's.
 */
export function rootConfigWithEnvironment(
  fromEnv: JsonObject,
  options: { argv?: string[]; watch?: boolean } = {},
) {
  return createServiceFactory({
    service: coreServices.rootConfig,
    deps: {},
    async factory() {
      const files = ConfigSources.default({
        argv: options.argv,
        watch: options.watch,
      });
      const envCatalog = (fromEnv.catalog ?? {}) as JsonObject;
      const fileLists = await readFileCatalogLists(files);
      const catalog: JsonObject = { ...envCatalog };
      for (const key of extendedCatalogLists) {
        const envList = (envCatalog[key] ?? []) as JsonValue[];
        const fileList = fileLists[key] ?? [];
        if (envList.length > 0 || fileList.length > 0) {
          catalog[key] = [...envList, ...fileList];
        }
      }
      const data: JsonObject = { ...fromEnv, catalog };
      const source = ConfigSources.merge([
        files,
        StaticConfigSource.create({ data, context: 'environment' }),
      ]);
      console.log(`Loading config from ${source}`);
      return await ConfigSources.toConfig(source);
    },
  });
}
