import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, getEntitySourceLocation } from '@backstage/catalog-model';
import { InputError, isError } from '@backstage/errors';
import { serializeDirectoryContents } from '@backstage/plugin-scaffolder-node';

/** A file as the dry run takes it. */
export interface TemplateFile {
  path: string;
  base64Content: string;
}

/**
 * The files of a template's folder, as the scaffolder's dry run takes them (it
 * runs the steps in a folder holding only these, so that `fetch:template` of
 * `./content` finds its skeleton): read from disk for a template registered
 * from a file, through the URL reader otherwise (none when the reader cannot
 * read a folder there).
 */
export async function templateFiles(
  template: Entity,
  urlReader: UrlReaderService,
): Promise<TemplateFile[]> {
  const { type, target } = getEntitySourceLocation(template);
  if (type === 'file') {
    const file = target.startsWith('file:') ? fileURLToPath(target) : target;
    const files = await serializeDirectoryContents(path.dirname(file), {
      gitignore: true,
    });
    return files.map(f => ({
      path: f.path,
      base64Content: f.content.toString('base64'),
    }));
  }
  if (type !== 'url') {
    throw new InputError(
      `Cannot read the files of a template from a '${type}' location (${target})`,
    );
  }
  const folder = target.endsWith('/') ? target : new URL('./', target).href;
  let tree;
  try {
    tree = await urlReader.readTree(folder);
  } catch (e) {
    // A plain web server (no git host) serves files, not folders: the dry
    // run has the template alone, and a step that reads its files says so.
    if (isError(e) && e.name === 'NotImplementedError') return [];
    throw e;
  }
  return Promise.all(
    (await tree.files()).map(async f => ({
      path: f.path,
      base64Content: (await f.content()).toString('base64'),
    })),
  );
}
