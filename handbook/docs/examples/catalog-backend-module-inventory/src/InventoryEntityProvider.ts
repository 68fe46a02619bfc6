import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/** A service as the inventory lists it. */
export interface InventoryService {
  name: string;
  owner: string;
  description?: string;
  lifecycle?: string;
}

const LOCATION = 'inventory:catalog.providers.inventory';

/**
 * Puts every service of the inventory (`catalog.providers.inventory`) in the
 * catalog as a Component, and takes out those that left it. A provider for a
 * real inventory system would fetch its list in `refresh()`.
 */
export class InventoryEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  private constructor(
    private readonly services: InventoryService[],
    private readonly taskRunner: SchedulerServiceTaskRunner,
    private readonly logger: LoggerService,
  ) {}

  /** The provider of `catalog.providers.inventory`, or none when it is not set. */
  static fromConfig(
    config: Config,
    options: { scheduler: SchedulerService; logger: LoggerService },
  ): InventoryEntityProvider | undefined {
    const inventory = config.getOptionalConfig('catalog.providers.inventory');
    if (!inventory) return undefined;
    const services = inventory.getConfigArray('services').map((service, i) => ({
      name: service.getString('name'),
      owner: service.getString('owner'),
      description: service.getOptionalString('description'),
      lifecycle: service.getOptionalString('lifecycle'),
      at: `catalog.providers.inventory.services[${i}]`,
    }));
    const seen = new Set<string>();
    for (const { name, at } of services) {
      if (seen.has(name)) {
        throw new InputError(`${at}: the name '${name}' is listed twice`);
      }
      seen.add(name);
    }
    const schedule = inventory.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          inventory.getConfig('schedule'),
        )
      : { frequency: { minutes: 30 }, timeout: { minutes: 3 } };
    return new InventoryEntityProvider(
      services,
      options.scheduler.createScheduledTaskRunner(schedule),
      options.logger,
    );
  }

  getProviderName(): string {
    return 'inventory';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /** Replaces everything this provider gave the catalog with the inventory's services. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error('InventoryEntityProvider is not connected yet');
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: this.services.map(service => ({
        entity: toEntity(service),
        locationKey: LOCATION,
      })),
    });
    this.logger.info(`Inventory: ${this.services.length} services`);
  }
}

function toEntity(service: InventoryService): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: service.name,
      description: service.description,
      annotations: {
        // Required on every entity: where it came from.
        [ANNOTATION_LOCATION]: LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: LOCATION,
      },
    },
    spec: {
      type: 'service',
      lifecycle: service.lifecycle ?? 'production',
      owner: service.owner,
    },
  };
}
