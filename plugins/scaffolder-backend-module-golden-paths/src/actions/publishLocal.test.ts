import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createLocalRepository } from '@internal/plugin-local-repositories-node';
import { createPublishLocalAction } from './publishLocal';
import { createCommitLocalAction } from './commitLocal';

describe('local publishing actions', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-local-'));
  const repositories = path.join(root, 'repositories');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const config = mockServices.rootConfig({
    data: { greenroom: { publish: { localRepositories: repositories } } },
  });
  const events = mockServices.events.mock();
  const publish = createPublishLocalAction({ config, events });
  const commit = createCommitLocalAction({ config, events });

  const workspace = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(root, 'workspace-'));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  };

  it('greenroom:publish:local creates a git repository with one commit and announces it', async () => {
    const ctx = createMockActionContext({
      input: {
        name: 'refunds-api',
        commitMessage: 'Create refunds-api',
      } as any,
      workspacePath: workspace({
        'catalog-info.yaml': 'kind: Component\n',
        '.github/workflows/ci.yml': 'name: ci\n',
      }),
    });
    await publish.handler(ctx);

    const dir = path.join(repositories, 'refunds-api');
    expect(ctx.output).toHaveBeenCalledWith('repositoryPath', dir);
    const [head] = await git.log({ fs, dir });
    expect(head.commit.message).toBe('Create refunds-api\n');
    expect((await git.listFiles({ fs, dir })).sort()).toEqual([
      '.github/workflows/ci.yml',
      'catalog-info.yaml',
    ]);
    expect(events.publish).toHaveBeenCalledWith({
      topic: 'greenroom.local-repositories',
      eventPayload: { name: 'refunds-api', dir },
    });
  });

  describe('the commit author', () => {
    const user = (title: string, email: string) => ({
      ref: 'user:default/mallory',
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'mallory', namespace: 'default', title },
        spec: { profile: { email }, memberOf: [] },
      } as any,
    });
    /** The raw commit object, as git itself stores and reads it. */
    const rawHead = async (name: string, title: string, email: string) => {
      await publish.handler(
        createMockActionContext({
          input: { name } as any,
          workspacePath: workspace({ 'README.md': '# x\n' }),
          user: user(title, email),
        }),
      );
      const dir = path.join(repositories, name);
      const oid = await git.resolveRef({ fs, dir, ref: 'HEAD' });
      const { object } = await git.readObject({
        fs,
        dir,
        oid,
        format: 'content',
      });
      const headers = Buffer.from(object as Uint8Array)
        .toString('utf8')
        .split('\n\n')[0]
        .split('\n');
      const field = (f: string) =>
        headers
          .filter(l => l.startsWith(`${f} `))
          .map(l => l.replace(/ \d+ [+-]\d{4}$/, ''));
      return { author: field('author'), committer: field('committer') };
    };

    it("is the user, for a one-line title of letters, digits and . ' - _", async () => {
      expect(
        await rawHead(
          'author-kept',
          "Zoë O'Brien-Łukasz 2",
          'zoe.ob@example.com',
        ),
      ).toEqual({
        author: ["author Zoë O'Brien-Łukasz 2 <zoe.ob@example.com>"],
        committer: ["committer Zoë O'Brien-Łukasz 2 <zoe.ob@example.com>"],
      });
    });

    it('falls back to the entity ref and a fixed address for a title or email that would forge a header', async () => {
      expect(
        await rawHead(
          'author-forged',
          'Mallory\ncommitter evil <evil@x> 0 +0000',
          'm@x.com>\ncommitter evil <evil@x',
        ),
      ).toEqual({
        author: ['author user:default/mallory <scaffolder@greenroom.local>'],
        committer: [
          'committer user:default/mallory <scaffolder@greenroom.local>',
        ],
      });
      expect(
        (await rawHead('author-brackets', 'Mal <evil@x>', 'not an email'))
          .author,
      ).toEqual(['author user:default/mallory <scaffolder@greenroom.local>']);
    });
  });

  it('greenroom:publish:local refuses an existing repository or a name that is a path, writing nothing', async () => {
    const before = fs.readdirSync(repositories).sort();
    await expect(
      publish.handler(
        createMockActionContext({
          input: { name: 'refunds-api' } as any,
          workspacePath: workspace({ 'x.txt': 'x' }),
        }),
      ),
    ).rejects.toThrow(/^Repository 'refunds-api' already exists at /);
    for (const name of ['../escape', '/abs', 'UPPER']) {
      await expect(
        publish.handler(
          createMockActionContext({
            input: { name } as any,
            workspacePath: workspace({ 'x.txt': 'x' }),
          }),
        ),
      ).rejects.toThrow(`Invalid repository name '${name}'`);
    }
    expect(fs.readdirSync(repositories).sort()).toEqual(before);
    expect(fs.existsSync(path.join(root, 'escape'))).toBe(false);
  });

  it('greenroom:publish:local-commit adds files in one commit, and never overwrites', async () => {
    const ctx = createMockActionContext({
      input: { name: 'refunds-api', commitMessage: 'Add docs' } as any,
      workspacePath: workspace({ 'docs/index.md': '# Docs\n' }),
    });
    await commit.handler(ctx);
    const dir = path.join(repositories, 'refunds-api');
    expect(
      (await git.log({ fs, dir })).map(c => c.commit.message.trim()),
    ).toEqual(['Add docs', 'Create refunds-api']);

    await expect(
      commit.handler(
        createMockActionContext({
          input: { name: 'refunds-api' } as any,
          workspacePath: workspace({
            'catalog-info.yaml': 'other\n',
            'new.txt': 'x',
          }),
        }),
      ),
    ).rejects.toThrow(
      "Repository 'refunds-api' already has catalog-info.yaml: nothing was changed",
    );
    expect(fs.existsSync(path.join(dir, 'new.txt'))).toBe(false);
    await expect(
      commit.handler(
        createMockActionContext({
          input: { name: 'no-such-repo' } as any,
          workspacePath: workspace({ 'a.txt': 'a' }),
        }),
      ),
    ).rejects.toThrow(
      `There is no repository 'no-such-repo' in ${repositories}`,
    );
  });
});

describe('commitToLocalRepository through a link', () => {
  it('refuses to write through a link out of the repository, changing nothing', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'commit-links-'));
    const repositories = path.join(root, 'repositories');
    const outside = path.join(root, 'outside');
    fs.mkdirSync(outside);
    const source = path.join(root, 'source');
    fs.mkdirSync(source);
    fs.writeFileSync(path.join(source, 'README.md'), '# x\n');
    const config = mockServices.rootConfig({
      data: { greenroom: { publish: { localRepositories: repositories } } },
    });
    const events = mockServices.events.mock();
    await createPublishLocalAction({ config, events }).handler(
      createMockActionContext({
        input: { name: 'linked' } as any,
        workspacePath: source,
      }),
    );
    const repo = path.join(repositories, 'linked');
    fs.symlinkSync(outside, path.join(repo, 'docs'));
    fs.symlinkSync(
      path.join(outside, 'gone.txt'),
      path.join(repo, 'dangling.txt'),
    );

    const write = (files: Record<string, string>) => {
      const dir = fs.mkdtempSync(path.join(root, 'ws-'));
      for (const [f, t] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), t);
      }
      return createCommitLocalAction({ config, events }).handler(
        createMockActionContext({
          input: { name: 'linked' } as any,
          workspacePath: dir,
        }),
      );
    };
    await expect(write({ 'docs/index.md': 'x' })).rejects.toThrow(
      "Repository 'linked': docs/index.md would be written outside it: nothing was changed",
    );
    await expect(write({ 'dangling.txt': 'x' })).rejects.toThrow(
      "Repository 'linked' already has dangling.txt: nothing was changed",
    );
    expect(fs.readdirSync(outside)).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('commitToLocalRepository into a linked repository folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'commit-linked-'));
  const repositories = path.join(root, 'repositories');
  const config = mockServices.rootConfig({
    data: { greenroom: { publish: { localRepositories: repositories } } },
  });
  const events = mockServices.events.mock();
  const source = path.join(root, 'source');
  fs.mkdirSync(source);
  fs.writeFileSync(path.join(source, 'README.md'), '# x\n');
  const author = { name: 'Test', email: 'test@example.com' };
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const commitTo = (name: string) => {
    const workspace = fs.mkdtempSync(path.join(root, 'ws-'));
    fs.writeFileSync(path.join(workspace, 'added.txt'), 'x');
    return createCommitLocalAction({ config, events }).handler(
      createMockActionContext({
        input: { name } as any,
        workspacePath: workspace,
      }),
    );
  };
  const repository = (where: string, name: string) =>
    createLocalRepository({
      root: where,
      name,
      sourceDir: source,
      message: 'Create',
      author,
    });

  it('refuses a repository folder that is a link, to a repository outside the root or inside it, changing neither', async () => {
    const { dir: victim } = await repository(
      path.join(root, 'outside'),
      'victim',
    );
    const { dir: inside } = await repository(repositories, 'inside');
    fs.symlinkSync(victim, path.join(repositories, 'linked-out'));
    fs.symlinkSync(inside, path.join(repositories, 'alias'));

    for (const [name, target] of [
      ['linked-out', victim],
      ['alias', inside],
    ]) {
      await expect(commitTo(name)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: `Repository '${name}': ${path.join(
          repositories,
          name,
        )} is a symbolic link to ${fs.realpathSync(
          target,
        )}; commits go only into real folders directly under ${repositories}: nothing was changed`,
      });
      expect(fs.readdirSync(target).sort()).toEqual(['.git', 'README.md']);
      expect(await git.log({ fs, dir: target })).toHaveLength(1);
    }
  });

  it('refuses a repository folder whose .git is a link, changing nothing', async () => {
    const { dir: victim } = await repository(
      path.join(root, 'outside'),
      'other',
    );
    const dir = path.join(repositories, 'dotgit');
    fs.mkdirSync(dir);
    fs.symlinkSync(path.join(victim, '.git'), path.join(dir, '.git'));

    await expect(commitTo('dotgit')).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `Repository 'dotgit': ${dir} has a .git that is not a folder (a link or a file); commits go only into real folders directly under ${repositories}: nothing was changed`,
    });
    expect(fs.readdirSync(dir).sort()).toEqual(['.git']);
    expect(await git.log({ fs, dir: victim })).toHaveLength(1);
  });
});
