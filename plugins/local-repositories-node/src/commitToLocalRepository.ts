import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { localRepositoryPath } from './paths';

/**
 * Adds the files of `sourceDir` to the existing local repository `name` in
 * one commit. It never overwrites: a file that is already there stops it
 * before anything is written, and a failed commit removes what it copied.
 */
export async function commitToLocalRepository(options: {
  root: string;
  name: string;
  sourceDir: string;
  message: string;
  author: { name: string; email: string };
}): Promise<{ dir: string; commitHash: string; files: string[] }> {
  const { root, name, sourceDir, message, author } = options;
  const dir = localRepositoryPath(root, name);
  if (!fs.existsSync(path.join(dir, '.git'))) {
    throw new NotFoundError(`There is no repository '${name}' in ${root}`);
  }
  const files = (fs.readdirSync(sourceDir, { recursive: true }) as string[])
    .filter(f => fs.statSync(path.join(sourceDir, f)).isFile())
    .map(f => f.split(path.sep).join('/'))
    .sort();
  const existing = files.filter(f => fs.existsSync(path.join(dir, f)));
  if (existing.length > 0) {
    throw new ConflictError(
      `Repository '${name}' already has ${existing.join(
        ', ',
      )}: nothing was changed`,
    );
  }
  try {
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.copyFileSync(path.join(sourceDir, file), path.join(dir, file));
      await git.add({ fs, dir, filepath: file });
    }
    const commitHash = await git.commit({ fs, dir, message, author });
    return { dir, commitHash, files };
  } catch (e) {
    for (const file of files) {
      fs.rmSync(path.join(dir, file), { force: true });
      await git.remove({ fs, dir, filepath: file }).catch(() => {});
    }
    throw e;
  }
}
