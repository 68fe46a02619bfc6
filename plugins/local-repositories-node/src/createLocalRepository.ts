import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { ConflictError } from '@backstage/errors';
import { localRepositoryPath } from './paths';

/**
 * Creates the git repository `name` under `root` holding a copy of
 * `sourceDir`, with one commit. It is built beside its final place and moved
 * there at once, so a failure never leaves a partial repository, and an
 * existing repository is never touched.
 */
export async function createLocalRepository(options: {
  root: string;
  name: string;
  sourceDir: string;
  message: string;
  author: { name: string; email: string };
  defaultBranch?: string;
}): Promise<{ dir: string; commitHash: string }> {
  const { root, name, sourceDir, message, author } = options;
  const dir = localRepositoryPath(root, name);
  if (fs.existsSync(dir)) {
    throw new ConflictError(`Repository '${name}' already exists at ${dir}`);
  }
  fs.mkdirSync(root, { recursive: true });
  const staging = fs.mkdtempSync(path.join(root, `.creating-${name}-`));
  try {
    fs.cpSync(sourceDir, staging, {
      recursive: true,
      filter: src => path.basename(src) !== '.git',
    });
    await git.init({
      fs,
      dir: staging,
      defaultBranch: options.defaultBranch ?? 'main',
    });
    await git.add({ fs, dir: staging, filepath: '.' });
    const commitHash = await git.commit({ fs, dir: staging, message, author });
    if (fs.existsSync(dir)) {
      throw new ConflictError(`Repository '${name}' already exists at ${dir}`);
    }
    fs.renameSync(staging, dir);
    return { dir, commitHash };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
