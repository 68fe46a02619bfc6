import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InventoryEntityProvider } from './InventoryEntityProvider';

const fromConfig = (inventory?: object) =>
  InventoryEntityProvider.fromConfig(
    new ConfigReader(
      inventory ? { catalog: { providers: { inventory } } } : {},
    ),
    {
      scheduler: mockServices.scheduler.mock(),
      logger: mockServices.logger.mock(),
    },
  );

describe('InventoryEntityProvider.fromConfig', () => {
  it('gives no provider when the inventory is not configured', () => {
    expect(fromConfig()).toBeUndefined();
  });

  it('names a service listed twice, with its place in the config', () => {
    expect(() =>
      fromConfig({
        services: [
          { name: 'a', owner: 'team-a' },
          { name: 'a', owner: 'team-b' },
        ],
      }),
    ).toThrow(
      "catalog.providers.inventory.services[1]: the name 'a' is listed twice",
    );
  });

  it('names a service without an owner', () => {
    expect(() => fromConfig({ services: [{ name: 'a' }] })).toThrow(
      /catalog\.providers\.inventory\.services\[0\]\.owner/,
    );
  });
});
