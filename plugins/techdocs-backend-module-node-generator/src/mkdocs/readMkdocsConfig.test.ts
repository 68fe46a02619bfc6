import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DocsBuildError } from '../DocsBuildError';
import { readMkdocsConfig } from './readMkdocsConfig';

const made: string[] = [];
afterAll(() =>
  made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })),
);

/** Reads `files` (a docs/ folder is always there) as a build would. */
function read(files: Record<string, string>) {
  const inputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mkdocs-config-'));
  made.push(inputDir);
  fs.mkdirSync(path.join(inputDir, 'docs'));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(inputDir, name), content);
  }
  const warnings: string[] = [];
  const config = readMkdocsConfig({
    inputDir,
    envAllowlist: [],
    env: {},
    warn: message => warnings.push(message),
  });
  return { config, warnings };
}

function readError(files: Record<string, string>) {
  try {
    read(files);
  } catch (e) {
    expect(e).toBeInstanceOf(DocsBuildError);
    return (e as DocsBuildError).message;
  }
  throw new Error('the config was read');
}

describe('readMkdocsConfig', () => {
  it.each([
    [
      'site_name: 5\n',
      "mkdocs.yml: 'site_name' must be text, not a number (5)",
    ],
    ['site_name: [a]\n', "mkdocs.yml: 'site_name' must be text, not a list"],
    ['site_name:\n', "mkdocs.yml: 'site_name' is required"],
    [
      'site_name: a\nnav: {Home: index.md}\n',
      "mkdocs.yml: 'nav' must be a list, not a mapping",
    ],
    [
      'site_name: a\ndocs_dir: [docs]\n',
      "mkdocs.yml: 'docs_dir' must be a folder name",
    ],
    [
      'site_name: a\nINHERIT: 5\n',
      "mkdocs.yml: 'INHERIT' must name the config file this one extends, not be a number (5)",
    ],
    [
      'site_name: a\nINHERIT: ""\n',
      "mkdocs.yml: 'INHERIT' must name the config file this one extends, not be empty",
    ],
    [
      'site_name: a\nINHERIT: docs\n',
      'mkdocs.yml: INHERIT names docs, which is a folder, not a file',
    ],
  ])('fails on %j with a build error naming the option', (yml, message) => {
    expect(readError({ 'mkdocs.yml': yml })).toBe(message);
  });

  it.each(['.', '', './docs/..'])(
    'fails on docs_dir %j, the folder of mkdocs.yml itself, as MkDocs does',
    docsDir => {
      expect(
        readError({
          'mkdocs.yml': `site_name: a\ndocs_dir: ${JSON.stringify(docsDir)}\n`,
        }),
      ).toBe(
        `mkdocs.yml: docs_dir '${docsDir}' is the folder of mkdocs.yml; it must be a folder inside it`,
      );
    },
  );

  it('keeps the last value of a repeated key, as PyYAML does', () => {
    const { config, warnings } = read({
      'mkdocs.yml': 'site_name: First\nsite_name: Second\n',
    });
    expect(config.siteName).toBe('Second');
    expect(warnings).toEqual([]);
  });

  it('warns about text options of another kind, and ignores them', () => {
    const { config, warnings } = read({
      'mkdocs.yml':
        'site_name: a\nsite_description: 5\nrepo_url: [x]\nedit_uri: {a: b}\nsite_url: true\n',
    });
    expect(config).toMatchObject({
      siteDescription: undefined,
      repoUrl: undefined,
      editUri: undefined,
      siteUrl: undefined,
    });
    expect(warnings).toEqual([
      "mkdocs.yml: 'site_description' must be text, not a number (5); it is ignored",
      "mkdocs.yml: 'repo_url' must be text, not a list; it is ignored",
      "mkdocs.yml: 'edit_uri' must be text, not a mapping; it is ignored",
      "mkdocs.yml: 'site_url' must be text, not true; it is ignored",
    ]);
  });

  it.each(['nav:\n', 'nav: []\n'])(
    'reads %j as no nav: the folder tree, as in MkDocs',
    nav => {
      const { config, warnings } = read({
        'mkdocs.yml': `site_name: a\n${nav}`,
      });
      expect(config.nav).toBeUndefined();
      expect(warnings).toEqual([]);
    },
  );

  it('reads a `__proto__` key as a key like any other when merging INHERIT', () => {
    const { config } = read({
      'base.yml': 'site_name: Base\n',
      'mkdocs.yml':
        'INHERIT: base.yml\n__proto__:\n  repo_url: https://example.com/proto\n',
    });
    expect(config.siteName).toBe('Base');
    // Not a prototype the config's other keys are read through.
    expect(config.repoUrl).toBeUndefined();
  });
});
