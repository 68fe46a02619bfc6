import { stringifyEntityRef, UserEntity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { EventsService } from '@backstage/plugin-events-node';
import {
  createTemplateAction,
  getRepoSourceDirectory,
} from '@backstage/plugin-scaffolder-node';
import {
  createLocalRepository,
  LOCAL_REPOSITORIES_TOPIC,
  localRepositoriesRoot,
} from '@internal/plugin-local-repositories-node';
import { examples } from './publishLocal.examples';

/**
 * `greenroom:publish:local`: publishes the workspace as a new git repository
 * on the portal's own disk, for portals with no SCM account (development).
 * The catalog registers its catalog-info.yaml within seconds.
 */
export function createPublishLocalAction(options: {
  config: Config;
  events: EventsService;
}) {
  const root = localRepositoriesRoot(options.config);
  return createTemplateAction({
    id: 'greenroom:publish:local',
    description: `Creates a git repository with the workspace's files and one commit, under ${root}, and has the catalog register its catalog-info.yaml. Fails, creating nothing, when the repository exists.`,
    examples,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Repository name: lowercase letters, digits and single dashes',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to publish (default: all of it)',
            ),
        commitMessage: z =>
          z.string().default('Initial commit').describe('The commit message'),
        defaultBranch: z => z.string().default('main'),
      },
      output: {
        repositoryPath: z => z.string().describe('Where the repository is'),
        commitHash: z => z.string(),
        catalogInfoPath: z =>
          z.string().describe('The catalog-info.yaml the catalog registers'),
      },
    },
    async handler(ctx) {
      const { name } = ctx.input;
      const commitMessage = ctx.input.commitMessage ?? 'Initial commit';
      const defaultBranch = ctx.input.defaultBranch ?? 'main';
      const { dir, commitHash } = await ctx.checkpoint({
        key: `publish-local-${name}`,
        fn: async () =>
          createLocalRepository({
            root,
            name,
            sourceDir: getRepoSourceDirectory(
              ctx.workspacePath,
              ctx.input.sourcePath,
            ),
            message: commitMessage,
            defaultBranch,
            author: commitAuthor(ctx.user),
          }),
      });
      ctx.logger.info(
        `Created the git repository ${dir} (commit ${commitHash})`,
      );
      await options.events.publish({
        topic: LOCAL_REPOSITORIES_TOPIC,
        eventPayload: { name, dir },
      });
      ctx.output('repositoryPath', dir);
      ctx.output('commitHash', commitHash);
      ctx.output('catalogInfoPath', `${dir}/catalog-info.yaml`);
    },
  });
}

/** A person's name: one line of letters, digits, spaces and . ' - _ */
const SAFE_NAME = /^[\p{L}\p{M}\p{N} .'_-]{1,100}$/u;
/** An address with nothing git would read as another header or field. */
const SAFE_EMAIL = /^[A-Za-z0-9.+_-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;
const FALLBACK_EMAIL = 'scaffolder@greenroom.local';
/** An entity ref as the catalog writes them (kind:namespace/name). */
const SAFE_REF = /^[A-Za-z0-9:/._-]{1,200}$/;

/**
 * The commit author for the user who ran the task. The title and email come
 * from the catalog, which anyone who can edit a user's file controls, and git
 * takes a newline or `<` in them as the start of another header (a forged
 * committer), so only a single line of safe characters is kept; anything
 * else falls back to the user's entity ref and a fixed address.
 */
function commitAuthor(user?: { entity?: UserEntity; ref?: string }): {
  name: string;
  email: string;
} {
  const entity = user?.entity;
  const ref = user?.ref ?? (entity ? stringifyEntityRef(entity) : undefined);
  const fallbackName = ref && SAFE_REF.test(ref) ? ref : 'Greenroom';
  const title = entity?.metadata.title?.trim();
  const email = entity?.spec?.profile?.email?.trim();
  return {
    name: title && SAFE_NAME.test(title) ? title : fallbackName,
    email:
      email && email.length <= 254 && SAFE_EMAIL.test(email)
        ? email
        : FALLBACK_EMAIL,
  };
}
