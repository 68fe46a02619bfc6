import { Config } from '@backstage/config';
import { EventsService } from '@backstage/plugin-events-node';
import {
  createTemplateAction,
  getRepoSourceDirectory,
} from '@backstage/plugin-scaffolder-node';
import {
  commitToLocalRepository,
  LOCAL_REPOSITORIES_TOPIC,
  localRepositoriesRoot,
} from '@internal/plugin-local-repositories-node';
import yaml from 'yaml';

/**
 * `greenroom:publish:local-commit`: adds the workspace's files to an existing
 * local repository in one commit (never overwriting), e.g. to register an
 * existing repository with a new catalog-info.yaml.
 */
export function createCommitLocalAction(options: {
  config: Config;
  events: EventsService;
}) {
  const root = localRepositoriesRoot(options.config);
  return createTemplateAction({
    id: 'greenroom:publish:local-commit',
    description: `Commits the workspace's files to an existing git repository under ${root}. Fails, changing nothing, when the repository does not exist or already has one of the files.`,
    examples: [
      {
        description: 'Add a catalog-info.yaml to an existing repository',
        example: yaml.stringify({
          steps: [
            {
              id: 'commit',
              action: 'greenroom:publish:local-commit',
              input: {
                name: '${{ parameters.repository }}',
                commitMessage: 'Register in the catalog',
              },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        name: z => z.string().describe('The existing repository'),
        sourcePath: z => z.string().optional(),
        commitMessage: z => z.string().default('Add files from Greenroom'),
      },
      output: {
        repositoryPath: z => z.string(),
        commitHash: z => z.string(),
      },
    },
    async handler(ctx) {
      const { name } = ctx.input;
      const commitMessage =
        ctx.input.commitMessage ?? 'Add files from Greenroom';
      const { dir, commitHash, files } = await ctx.checkpoint({
        key: `commit-local-${name}`,
        fn: () =>
          commitToLocalRepository({
            root,
            name,
            sourceDir: getRepoSourceDirectory(
              ctx.workspacePath,
              ctx.input.sourcePath,
            ),
            message: commitMessage,
            author: { name: 'Greenroom', email: 'scaffolder@greenroom.local' },
          }),
      });
      ctx.logger.info(
        `Committed ${files.join(', ')} to ${dir} (${commitHash})`,
      );
      await options.events.publish({
        topic: LOCAL_REPOSITORIES_TOPIC,
        eventPayload: { name, dir },
      });
      ctx.output('repositoryPath', dir);
      ctx.output('commitHash', commitHash);
    },
  });
}
