import path from 'node:path';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Repository names: lowercase letters, digits and single dashes, like entity names. */
export const REPOSITORY_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The folder local repositories are created in, as an absolute path
 * (`greenroom.publish.localRepositories`, relative to the working directory).
 */
export function localRepositoriesRoot(config: Config): string {
  return path.resolve(
    config.getOptionalString('greenroom.publish.localRepositories') ??
      '.data/repositories',
  );
}

/**
 * The folder of the local repository `name`, which must be a plain name (no
 * path) so nothing can be written outside the root.
 */
export function localRepositoryPath(root: string, name: string): string {
  if (!REPOSITORY_NAME.test(name) || name.length > 63) {
    throw new InputError(
      `Invalid repository name '${name}': use lowercase letters, digits and single dashes, at most 63 characters`,
    );
  }
  const dir = path.resolve(root, name);
  if (path.dirname(dir) !== root) {
    throw new InputError(`Repository '${name}' would be outside ${root}`);
  }
  return dir;
}

/** The events topic on which new local repositories are announced. */
export const LOCAL_REPOSITORIES_TOPIC = 'greenroom.local-repositories';
