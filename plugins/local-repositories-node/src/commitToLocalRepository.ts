import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
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
  const stats = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (!stats || !fs.existsSync(path.join(dir, '.git'))) {
    throw new NotFoundError(`There is no repository '${name}' in ${root}`);
  }
  checkRealFolder(root, name, dir, stats);
  const files = (fs.readdirSync(sourceDir, { recursive: true }) as string[])
    .filter(f => fs.statSync(path.join(sourceDir, f)).isFile())
    .map(f => f.split(path.sep).join('/'))
    .sort();
  // Nothing may be written through a link, nor land outside the repository.
  const realDir = fs.realpathSync(dir);
  for (const f of files) {
    let parent = path.dirname(path.join(dir, f));
    while (!fs.existsSync(parent)) parent = path.dirname(parent);
    const realParent = fs.realpathSync(parent);
    if (realParent !== realDir && !realParent.startsWith(realDir + path.sep)) {
      throw new ConflictError(
        `Repository '${name}': ${f} would be written outside it: nothing was changed`,
      );
    }
  }
  const existing = files.filter(f => {
    try {
      fs.lstatSync(path.join(dir, f));
      return true; // a file, or a link (even a dangling one)
    } catch {
      return false;
    }
  });
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
      fs.copyFileSync(
        path.join(sourceDir, file),
        path.join(dir, file),
        fs.constants.COPYFILE_EXCL,
      );
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

/**
 * A repository is a real folder directly under the root, with a real `.git`
 * folder: a link (even to another repository) would have the commit written
 * wherever it points.
 */
function checkRealFolder(
  root: string,
  name: string,
  dir: string,
  stats: fs.Stats,
) {
  const refuse = (why: string) =>
    new NotAllowedError(
      `Repository '${name}': ${dir} ${why}; commits go only into real folders directly under ${root}: nothing was changed`,
    );
  if (stats.isSymbolicLink()) {
    throw refuse(`is a symbolic link to ${fs.realpathSync(dir)}`);
  }
  const real = fs.realpathSync(dir);
  if (real !== path.join(fs.realpathSync(root), name)) {
    throw refuse(`resolves to ${real}, outside the repositories folder`);
  }
  if (!fs.lstatSync(path.join(dir, '.git')).isDirectory()) {
    throw refuse('has a .git that is not a folder (a link or a file)');
  }
}
