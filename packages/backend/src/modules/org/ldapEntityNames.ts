import {
  coreServices,
  createBackendModule,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  defaultGroupTransformer,
  defaultUserTransformer,
  LDAP_DN_ANNOTATION,
  ldapOrgEntityProviderTransformsExtensionPoint,
} from '@backstage/plugin-catalog-backend-module-ldap';

const validName = /^[A-Za-z0-9]([A-Za-z0-9\-_.]{0,61}[A-Za-z0-9])?$/;

/**
 * An LDAP name as a valid entity name: a valid one as it is, another one
 * lowercased, without accents, runs of other characters as one "-", at most
 * 63 characters ("Team Payments" is team-payments, "Équipe R&D" equipe-r-d).
 * Empty when nothing of it can be kept.
 */
export function toEntityName(value: string): string {
  if (validName.test(value)) {
    return value;
  }
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\-_.]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, '');
}

function named<
  T extends {
    metadata: { name: string; annotations?: Record<string, string> };
  },
>(entity: T | undefined, logger: LoggerService): T | undefined {
  if (!entity) {
    return undefined;
  }
  const name = toEntityName(entity.metadata.name);
  if (!name) {
    logger.warn(
      `Skipped LDAP entry ${
        entity.metadata.annotations?.[LDAP_DN_ANNOTATION] ??
        entity.metadata.name
      }: its name "${
        entity.metadata.name
      }" has no letter or digit an entity name can keep`,
    );
    return undefined;
  }
  entity.metadata.name = name;
  return entity;
}

/**
 * The first-party LDAP org provider's transformers, with names the catalog
 * accepts: see README.md.
 */
export const catalogModuleLdapEntityNames = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ldap-entity-names',
  register(reg) {
    reg.registerInit({
      deps: {
        ldap: ldapOrgEntityProviderTransformsExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ ldap, logger }) {
        ldap.setUserTransformer(async (vendor, config, entry) =>
          named(await defaultUserTransformer(vendor, config, entry), logger),
        );
        ldap.setGroupTransformer(async (vendor, config, entry) =>
          named(await defaultGroupTransformer(vendor, config, entry), logger),
        );
      },
    });
  },
});
