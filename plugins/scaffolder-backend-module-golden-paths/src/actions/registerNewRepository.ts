import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { catalogLocationCreatePermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** What a golden path may create in a new repository. */
const NEW_REPOSITORY_KINDS = ['component', 'api', 'resource', 'system'];

/**
 * `greenroom:catalog:register-new-repository`: the GitHub golden path's
 * register step. Registering a location is for platform engineers
 * (`catalog.location.create`), so a member running a template could not
 * finish it with the stock `catalog:register`, which acts as the caller.
 *
 * Those who may create locations register as themselves. For anyone else the
 * portal registers on their behalf, and only what a golden path creates: a
 * file in the configured GitHub organization whose entities are all new, of a
 * kind a service repository holds, and owned by one of the caller's groups
 * (directly or through a parent group, as ownership is decided everywhere
 * else). Anything else is refused with what was wrong, before anything is
 * registered; a registration on someone's behalf is audited.
 */
export function createRegisterNewRepositoryAction(options: {
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  auditor: AuditorService;
}) {
  const { config, catalog, auth, permissions, userInfo, auditor } = options;
  const integrations = ScmIntegrations.fromConfig(config);
  return createTemplateAction({
    id: 'greenroom:catalog:register-new-repository',
    description:
      "Registers a new repository's catalog-info.yaml in the catalog. Those who may register locations register as themselves; for others the portal registers it if the file is in the configured GitHub organization and all its entities are new and owned by the caller's groups.",
    examples: [
      {
        description: 'Register the repository publish:github created',
        example: yaml.stringify({
          steps: [
            {
              id: 'register-github',
              action: 'greenroom:catalog:register-new-repository',
              input: {
                repoContentsUrl:
                  "${{ steps['publish-github'].output.repoContentsUrl }}",
                catalogInfoPath: '/catalog-info.yaml',
              },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        repoContentsUrl: z =>
          z
            .string()
            .describe(
              "publish:github's repoContentsUrl, e.g. https://github.com/org/repo/blob/main",
            ),
        catalogInfoPath: z =>
          z
            .string()
            .default('/catalog-info.yaml')
            .describe('The catalog file, from the repository root'),
      },
      output: {
        entityRef: z => z.string().describe('The main entity registered'),
        catalogInfoUrl: z => z.string().describe('The registered location'),
      },
    },
    async handler(ctx) {
      const catalogInfoUrl = resolveInOrganization(
        integrations,
        config,
        ctx.input.repoContentsUrl,
        ctx.input.catalogInfoPath ?? '/catalog-info.yaml',
      );
      const initiator = await ctx.getInitiatorCredentials();
      const [decision] = await permissions.authorize(
        [{ permission: catalogLocationCreatePermission }],
        { credentials: initiator },
      );
      const onBehalf = decision.result !== AuthorizeResult.ALLOW;
      const credentials = onBehalf
        ? await auth.getOwnServiceCredentials()
        : initiator;

      const dryRun = await catalog.addLocation(
        { type: 'url', target: catalogInfoUrl, dryRun: true },
        { credentials },
      );
      // The dry run includes the Location entity of the file itself.
      const entities = dryRun.entities.filter(
        e => !(e.kind === 'Location' && e.spec?.target === catalogInfoUrl),
      );
      await checkNewAndOwned(entities, catalogInfoUrl, {
        catalog,
        credentials: await auth.getOwnServiceCredentials(),
        ownershipRefs: onBehalf
          ? await ownershipRefsOf(initiator, userInfo)
          : undefined,
      });

      const audit = onBehalf
        ? await auditor.createEvent({
            eventId: 'register-new-repository',
            severityLevel: 'medium',
            meta: {
              catalogInfoUrl,
              entityRefs: entities.map(e => stringifyEntityRef(e)),
              onBehalfOf: ctx.user?.ref,
              taskId: ctx.task.id,
            },
          })
        : undefined;
      try {
        await catalog.addLocation(
          { type: 'url', target: catalogInfoUrl },
          { credentials },
        );
      } catch (e) {
        await audit?.fail({ error: e as Error });
        throw e;
      }
      await audit?.success();

      ctx.logger.info(
        `Registered ${catalogInfoUrl}${
          onBehalf ? ` for ${ctx.user?.ref ?? 'the caller'}` : ''
        }`,
      );
      ctx.output('catalogInfoUrl', catalogInfoUrl);
      ctx.output('entityRef', stringifyEntityRef(mainEntity(entities)));
    },
  });
}

/** The catalog file's URL, refused unless it is in the configured GitHub organization. */
function resolveInOrganization(
  integrations: ScmIntegrations,
  config: Config,
  repoContentsUrl: string,
  catalogInfoPath: string,
): string {
  const organization = config.getOptionalString(
    'greenroom.publish.githubOrganization',
  );
  if (!organization) {
    throw new InputError(
      'greenroom.publish.githubOrganization is not set: it names the GitHub organization whose new repositories may be registered',
    );
  }
  const integration = integrations.github.byUrl(repoContentsUrl);
  if (!integration) {
    throw new InputError(
      `${repoContentsUrl} is not on a GitHub host of integrations.github`,
    );
  }
  const catalogInfoUrl = integration.resolveUrl({
    base: repoContentsUrl,
    url: catalogInfoPath,
  });
  const owner = new URL(catalogInfoUrl).pathname.split('/')[1] ?? '';
  const base = new URL(repoContentsUrl);
  if (
    owner.toLowerCase() !== organization.toLowerCase() ||
    new URL(catalogInfoUrl).host !== base.host
  ) {
    throw new InputError(
      `${catalogInfoUrl} is not in the GitHub organization '${organization}' (greenroom.publish.githubOrganization)`,
    );
  }
  return catalogInfoUrl;
}

async function ownershipRefsOf(
  credentials: BackstageCredentials,
  userInfo: UserInfoService,
): Promise<Set<string>> {
  if ((credentials.principal as { type?: string }).type !== 'user') {
    throw new NotAllowedError(
      'Only a signed-in person may have a repository registered on their behalf',
    );
  }
  const info = await userInfo.getUserInfo(credentials);
  return new Set(
    info.ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')),
  );
}

/**
 * Refuses a file with no entities, entities that already exist, and, when
 * `ownershipRefs` is given, kinds a service repository does not hold or
 * owners the caller does not belong to. Every problem is named.
 */
async function checkNewAndOwned(
  entities: Entity[],
  catalogInfoUrl: string,
  options: {
    catalog: CatalogService;
    credentials: BackstageCredentials;
    ownershipRefs?: Set<string>;
  },
): Promise<void> {
  if (entities.length === 0) {
    throw new InputError(`${catalogInfoUrl} holds no entities`);
  }
  const refs = entities.map(e => stringifyEntityRef(e));
  const { items } = await options.catalog.getEntitiesByRefs(
    { entityRefs: refs, fields: ['kind', 'metadata.name'] },
    { credentials: options.credentials },
  );
  const problems = refs
    .filter((_, i) => items[i])
    .map(ref => `${ref} is already in the catalog`);
  if (options.ownershipRefs) {
    for (const [i, entity] of entities.entries()) {
      problems.push(
        ...ownershipProblems(entity, refs[i], options.ownershipRefs),
      );
    }
  }
  if (problems.length > 0) {
    throw new NotAllowedError(
      `Not registering ${catalogInfoUrl}: ${problems.join('; ')}`,
    );
  }
}

function ownershipProblems(
  entity: Entity,
  ref: string,
  ownershipRefs: Set<string>,
): string[] {
  if (!NEW_REPOSITORY_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'))) {
    return [
      `${ref}: a ${entity.kind} is registered by a platform engineer, not by a golden path`,
    ];
  }
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') {
    return [`${ref} has no spec.owner`];
  }
  let ownerRef: string;
  try {
    ownerRef = stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return [`${ref} has an invalid spec.owner '${owner}'`];
  }
  return ownershipRefs.has(ownerRef.toLocaleLowerCase('en-US'))
    ? []
    : [`${ref} is owned by ${ownerRef}, which is not one of your groups`];
}

/** The entity the template created: its component, as `catalog:register` picks it. */
function mainEntity(entities: Entity[]): Entity {
  const named = entities.filter(e => !e.metadata.name.startsWith('generated-'));
  return named.find(e => e.kind === 'Component') ?? named[0] ?? entities[0];
}
