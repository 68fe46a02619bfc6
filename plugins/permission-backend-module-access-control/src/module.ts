import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { accessControlPermissions } from '@internal/plugin-access-control-common';
import { recentDenials } from '@internal/plugin-access-control-node';
import { GrantStore } from './grants/GrantStore';
import { Grants } from './grants/Grants';
import { AccessControlPolicy } from './policy/AccessControlPolicy';
import { greenroomPermissions } from './policy/knownPermissions';
import { PolicyFile } from './policy/PolicyFile';
import { RoleMembers } from './policy/RoleMembers';
import { AccessControlService } from './service/AccessControlService';
import { createRouter } from './service/router';

/**
 * Greenroom's access control: the permission policy of the roles in the
 * policy file (`greenroom.accessControl.policyFile`), in place of allow-all,
 * and the access control page's API under /api/permission/access-control.
 */
export const permissionModuleAccessControl = createBackendModule({
  pluginId: 'permission',
  moduleId: 'access-control',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        policyPoint: policyExtensionPoint,
      },
      async init(deps) {
        const { config, logger, lifecycle } = deps;
        if (config.has('greenroom.admins')) {
          throw new Error(
            'greenroom.admins is no longer read: name admins in greenroom.accessControl.members.admin (or GREENROOM_ADMINS in production)',
          );
        }
        const known = greenroomPermissions();
        const file = PolicyFile.create({
          file: config.getString('greenroom.accessControl.policyFile'),
          known,
          logger,
        });
        const members = RoleMembers.fromConfig(config);
        const current = file.current();
        if (current.ok) {
          const unknown = members.unknownRoles(current.policy);
          if (unknown.length) {
            throw new Error(
              `greenroom.accessControl.members names ${unknown
                .map(r => `'${r}'`)
                .join(', ')}, not a role of ${
                current.policy.file
              } (its roles: ${[...current.policy.roles.keys()].join(', ')})`,
            );
          }
        }
        file.watch();
        lifecycle.addShutdownHook(() => file.close());

        const store = await GrantStore.create({ database: deps.database });
        const grants = Grants.create({ store });
        const policy = AccessControlPolicy.create({
          file,
          members,
          grants,
          known,
          denials: recentDenials,
          auditor: deps.auditor,
          logger,
        });
        deps.policyPoint.setPolicy(policy);

        deps.permissionsRegistry.addPermissions(accessControlPermissions);
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            service: AccessControlService.create({
              file,
              members,
              store,
              grants,
              policy,
              known,
              permissions: deps.permissions,
              auditor: deps.auditor,
              catalog: deps.catalog,
              auth: deps.auth,
              discovery: deps.discovery,
            }),
          }),
        );
      },
    });
  },
});
