import { AddressInfo } from 'node:net';
import {
  BackendFeature,
  coreServices,
  createBackendModule,
  createServiceFactory,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/config';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** Every log line of every plugin, "<level> <message> <metadata>". */
class CapturingLogger implements LoggerService {
  constructor(
    readonly lines: string[],
    private readonly meta: Record<string, unknown> = {},
  ) {}
  private add(level: string, message: string, meta?: Error | object) {
    const extra = meta instanceof Error ? { error: String(meta) } : meta;
    this.lines.push(
      `${level} ${message} ${JSON.stringify({ ...this.meta, ...extra })}`,
    );
  }
  error(message: string, meta?: Error | object) {
    this.add('error', message, meta);
  }
  warn(message: string, meta?: Error | object) {
    this.add('warn', message, meta);
  }
  info(message: string, meta?: Error | object) {
    this.add('info', message, meta);
  }
  debug() {}
  child(meta: Record<string, unknown>): LoggerService {
    return new CapturingLogger(this.lines, { ...this.meta, ...meta });
  }
}

/** A catalog on a real database and the real scheduler, as the org and discovery tests run it. */
export type CatalogTestBackend = {
  /** GET on the catalog's API as a signed-in user: the parsed body, undefined for a 404. */
  get(path: string): Promise<any>;
  /** The status of GET /api/catalog/entities: the catalog still serving. */
  serves(): Promise<number>;
  logs: string[];
  /** Runs a scheduled task (a provider's `<provider name>:refresh`) now. */
  triggerTask(id: string): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Starts the catalog with `features` (the org or discovery module under
 * test) and `config` (what the environment gives production), on a new
 * database of `databases`, with the real scheduler, so that providers run on
 * their configured schedule.
 */
export async function startCatalogTestBackend(options: {
  config: JsonObject;
  features: BackendFeature[];
  databases: TestDatabases;
}): Promise<CatalogTestBackend> {
  const logs: string[] = [];
  const [databaseId] = options.databases.eachSupportedId()[0];
  const knex = await options.databases.init(databaseId);
  let scheduler: SchedulerService | undefined;
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      ...options.features,
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'test-scheduler-handle',
        register(reg) {
          reg.registerInit({
            deps: { catalogScheduler: coreServices.scheduler },
            async init({ catalogScheduler }) {
              scheduler = catalogScheduler;
            },
          });
        },
      }),
      schedulerServiceFactory,
      mockServices.rootConfig.factory({ data: options.config }),
      mockServices.database.factory({ knex }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      createServiceFactory({
        service: coreServices.logger,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) =>
          new CapturingLogger(logs, { plugin: plugin.getId() }),
      }),
    ],
  });
  const api = `http://127.0.0.1:${
    (backend.server.address() as AddressInfo).port
  }/api/catalog`;
  const call = (path: string) =>
    fetch(`${api}${path}`, {
      headers: { Authorization: mockCredentials.user.header() },
    });
  return {
    async get(path) {
      const res = await call(path);
      if (res.status === 404) {
        return undefined;
      }
      if (!res.ok) {
        throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      }
      return res.json();
    },
    async serves() {
      return (await call('/entities?limit=1')).status;
    },
    logs,
    triggerTask: id => scheduler!.triggerTask(id),
    stop: () => backend.stop(),
  };
}

/** The targets of an entity's relations of `type`, sorted. */
export function relations(entity: any, type: string): string[] {
  return (entity?.relations ?? [])
    .filter((r: { type: string }) => r.type === type)
    .map((r: { targetRef: string }) => r.targetRef)
    .sort();
}
