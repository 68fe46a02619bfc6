import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * `greenroom:publish:target`: tells a template where this portal publishes
 * (`greenroom.publish.target`), so one template publishes locally in
 * development and to GitHub in production, choosing its steps with `if:`.
 */
export function createPublishTargetAction(options: { config: Config }) {
  return createTemplateAction({
    id: 'greenroom:publish:target',
    // it only reads: a dry run checks the values too
    supportsDryRun: true,
    description:
      "Outputs where this portal publishes new repositories (greenroom.publish.target: local or github), the portal's address and, for GitHub, the repoUrl of the new repository, for the template's later steps.",
    examples: [
      {
        description: 'Pick the publish step by the portal configuration',
        example: yaml.stringify({
          steps: [
            {
              id: 'target',
              action: 'greenroom:publish:target',
              input: { name: '${{ parameters.name }}' },
            },
            {
              id: 'publish-github',
              if: "${{ steps.target.output.target === 'github' }}",
              action: 'publish:github',
              input: { repoUrl: '${{ steps.target.output.repoUrl }}' },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        name: z => z.string().describe('The new repository name'),
      },
      output: {
        target: z => z.enum(['local', 'github']),
        codeownersPrefix: z =>
          z
            .string()
            .describe(
              "What goes before a team's name in CODEOWNERS: '' locally, '<org>/' on GitHub",
            ),
        githubOrganization: z => z.string().optional(),
        portalUrl: z =>
          z
            .string()
            .describe("The portal's address (app.baseUrl), for links to it"),
        repoUrl: z =>
          z
            .string()
            .optional()
            .describe('For publish:github: github.com?owner=<org>&repo=<name>'),
      },
    },
    async handler(ctx) {
      const target =
        options.config.getOptionalString('greenroom.publish.target') ?? 'local';
      if (target !== 'local' && target !== 'github') {
        throw new InputError(
          `greenroom.publish.target is '${target}': use local or github`,
        );
      }
      ctx.output('target', target);
      ctx.output('portalUrl', options.config.getString('app.baseUrl'));
      ctx.output('codeownersPrefix', '');
      if (target === 'github') {
        const organization = options.config.getOptionalString(
          'greenroom.publish.githubOrganization',
        );
        if (!organization) {
          throw new InputError(
            'greenroom.publish.githubOrganization is not set: it names the GitHub organization new repositories go to',
          );
        }
        ctx.output('githubOrganization', organization);
        ctx.output('codeownersPrefix', `${organization}/`);
        ctx.output(
          'repoUrl',
          `github.com?owner=${encodeURIComponent(
            organization,
          )}&repo=${encodeURIComponent(ctx.input.name)}`,
        );
      }
      ctx.logger.info(`This portal publishes to ${target}`);
    },
  });
}
