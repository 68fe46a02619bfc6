import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './writeCodeowners.examples';

/** A GitHub user (`@ann`) or team (`@acme/team-a`). */
const OWNER =
  /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9_.-]+)?$/;

/**
 * `greenroom:codeowners:write`: writes a CODEOWNERS file into the task's
 * workspace, so that the repository a template publishes asks its owners to
 * review every change.
 */
export function createWriteCodeownersAction() {
  return createTemplateAction({
    id: 'greenroom:codeowners:write',
    description:
      'Writes a CODEOWNERS file that makes the given GitHub users or teams the owners of every file in the workspace.',
    examples,
    schema: {
      input: {
        owners: z =>
          z
            .array(z.string())
            .min(1)
            .describe('GitHub users or teams, e.g. @acme/team-payments'),
        path: z =>
          z
            .string()
            .default('.github/CODEOWNERS')
            .describe('Where to write it in the workspace'),
      },
      output: {
        path: z => z.string().describe('The file written, in the workspace'),
      },
    },
    async handler(ctx) {
      const { owners } = ctx.input;
      const target = ctx.input.path ?? '.github/CODEOWNERS';
      const bad = owners.filter(owner => !OWNER.test(owner));
      if (bad.length > 0) {
        throw new InputError(
          `Invalid owners ${bad
            .map(o => `'${o}'`)
            .join(
              ', ',
            )}: use GitHub users or teams such as @ann or @acme/team-a`,
        );
      }
      // Refuses a path that leaves the workspace (../, absolute, links out).
      const file = resolveSafeChildPath(ctx.workspacePath, target);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, `* ${owners.join(' ')}\n`);
      ctx.logger.info(`Wrote ${target}: ${owners.join(', ')} own every file`);
      ctx.output('path', target);
    },
  });
}
