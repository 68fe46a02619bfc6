import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { AccessControlPolicy } from './policy/AccessControlPolicy';
import { greenroomPermissions } from './policy/knownPermissions';
import { PolicyFile } from './policy/PolicyFile';
import { RoleMembers } from './policy/RoleMembers';

/**
 * Greenroom's access control: the permission policy of the roles in the
 * policy file (`greenroom.accessControl.policyFile`), in place of allow-all.
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
        policy: policyExtensionPoint,
      },
      async init({ config, logger, lifecycle, policy }) {
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
        policy.setPolicy(AccessControlPolicy.create({ file, members, known }));
      },
    });
  },
});
