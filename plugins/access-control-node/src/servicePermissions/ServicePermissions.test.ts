import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { ServicePermissions } from './ServicePermissions';

const read = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const remove = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});
const createLocation = createPermission({
  name: 'catalog.location.create',
  attributes: { action: 'create' },
});
const validate = createPermission({
  name: 'catalog.entity.validate',
  attributes: {},
});

describe('ServicePermissions', () => {
  /** The catalog's service, over an inner one that allows what it is asked. */
  function setUp() {
    const inner = mockServices.permissions.mock({
      // allows everything but validation: the slots must not be mixed up
      authorize: async requests =>
        requests.map(({ permission }) => ({
          result:
            permission.name === 'catalog.entity.validate'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      authorizeConditional: async requests =>
        requests.map(() => ({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: [] },
          },
        })),
    });
    const logger = mockServices.logger.mock();
    const permissions = ServicePermissions.create({
      pluginId: 'catalog',
      inner,
      grants: new Map([
        [
          'scaffolder',
          new Set(['catalog.location.create', 'catalog.entity.validate']),
        ],
      ]),
      auth: mockServices.auth(),
      logger,
    });
    return { inner, logger, permissions };
  }

  it('lets another plugin read on its own behalf, and do only what its grant lists besides', async () => {
    const { inner, logger, permissions } = setUp();
    const ref = 'component:default/payments-api';
    const asks: AuthorizePermissionRequest[] = [
      { permission: read, resourceRef: ref },
      { permission: remove, resourceRef: ref },
      { permission: createLocation },
      { permission: validate },
    ];

    const scorecards = await permissions.authorize(asks, {
      credentials: mockCredentials.service('plugin:scorecards'),
    });
    const scaffolder = await permissions.authorize(asks, {
      credentials: mockCredentials.service('plugin:scaffolder'),
    });

    expect(scorecards.map(d => d.result)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
      AuthorizeResult.DENY,
      AuthorizeResult.DENY,
    ]);
    // delete denied here, validate by the inner service
    expect(scaffolder.map(d => d.result)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
    ]);
    // only what the plugin may do reaches the inner service
    expect(
      inner.authorize.mock.calls.map(([r]) => r.map(q => q.permission.name)),
    ).toEqual([
      ['catalog.entity.read'],
      [
        'catalog.entity.read',
        'catalog.location.create',
        'catalog.entity.validate',
      ],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'denied catalog.entity.delete to the scorecards plugin calling the catalog plugin on its own behalf: plugins may only read on their own behalf unless greenroom.accessControl.services.scorecards lists the permission',
      ),
    );
  });

  it('logs a denied permission once per calling plugin', async () => {
    const { logger, permissions } = setUp();
    for (let i = 0; i < 3; i++) {
      await permissions.authorize(
        [{ permission: remove, resourceRef: 'component:default/a' }],
        { credentials: mockCredentials.service('plugin:search') },
      );
    }
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('keeps the conditional decisions of what the plugin may do, and denies the rest', async () => {
    const { permissions } = setUp();
    const decisions = await permissions.authorizeConditional(
      [{ permission: remove }, { permission: read }],
      { credentials: mockCredentials.service('plugin:search') },
    );
    expect(decisions.map(d => d.result)).toEqual([
      AuthorizeResult.DENY,
      AuthorizeResult.CONDITIONAL,
    ]);
  });

  it('hands users, external callers and the plugin itself to the inner service unchanged', async () => {
    const { inner, permissions } = setUp();
    for (const credentials of [
      mockCredentials.user('user:default/mo'),
      mockCredentials.service('external:ci'),
      mockCredentials.service('plugin:catalog'),
    ]) {
      const [decision] = await permissions.authorize(
        [{ permission: remove, resourceRef: 'component:default/a' }],
        { credentials },
      );
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
    expect(inner.authorize).toHaveBeenCalledTimes(3);
  });
});
