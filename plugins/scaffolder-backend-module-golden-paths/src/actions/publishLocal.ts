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
            author: {
              name: ctx.user?.entity?.metadata.title ?? 'Greenroom',
              email:
                (ctx.user?.entity?.spec?.profile as { email?: string })
                  ?.email ?? 'scaffolder@greenroom.local',
            },
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
