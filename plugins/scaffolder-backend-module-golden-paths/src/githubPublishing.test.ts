import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockServices } from '@backstage/backend-test-utils';
import { ScmIntegrations } from '@backstage/integration';
import { createPublishGithubAction } from '@backstage/plugin-scaffolder-backend-module-github';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createPublishTargetAction } from './actions/publishTarget';

// The git push itself (smart HTTP, not GitHub's REST API) is replaced: msw's
// interception hands isomorphic-git an empty receive-pack response.
jest.mock('@backstage/plugin-scaffolder-node', () => ({
  ...jest.requireActual('@backstage/plugin-scaffolder-node'),
  initRepoAndPush: jest.fn(async () => ({ commitHash: 'abc123' })),
}));

/**
 * In production the templates publish with the first-party publish:github
 * action. GitHub is unreachable here, so msw answers with the shapes of its
 * REST API: the owner lookup, creating the repository, protecting its branch.
 */
jest.setTimeout(30_000);

describe('publishing to GitHub, as production does', () => {
  const created: any[] = [];
  const protections: any[] = [];
  const server = setupServer(
    http.get('https://api.github.com/users/northwind', () =>
      HttpResponse.json({ login: 'northwind', type: 'Organization' }),
    ),
    http.post(
      'https://api.github.com/orgs/northwind/repos',
      async ({ request }) => {
        const body = (await request.json()) as any;
        created.push(body);
        return HttpResponse.json(
          {
            name: body.name,
            full_name: `northwind/${body.name}`,
            clone_url: `https://github.com/northwind/${body.name}.git`,
            html_url: `https://github.com/northwind/${body.name}`,
            default_branch: 'main',
          },
          { status: 201 },
        );
      },
    ),
    http.put(
      'https://api.github.com/repos/northwind/refunds-api/branches/main/protection',
      async ({ request }) => {
        protections.push(await request.json());
        return HttpResponse.json({});
      },
    ),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));

  afterAll(() => server.close());

  it('creates the repository in the configured organization, protects its branch and pushes the workspace to it', async () => {
    const config = mockServices.rootConfig({
      data: {
        app: { baseUrl: 'https://portal.example.com' },
        greenroom: {
          publish: { target: 'github', githubOrganization: 'northwind' },
        },
        integrations: { github: [{ host: 'github.com', token: 'ghp_test' }] },
      },
    });

    // the template's target step, then its publish-github step
    const target = createMockActionContext({
      input: { name: 'refunds-api' } as any,
    });
    await createPublishTargetAction({ config }).handler(target);
    const repoUrl = (target.output as jest.Mock).mock.calls.find(
      ([key]) => key === 'repoUrl',
    )[1];

    const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-publish-'));
    fs.writeFileSync(
      path.join(workspacePath, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    fs.writeFileSync(path.join(workspacePath, 'README.md'), '# refunds-api\n');
    const publish = createMockActionContext({
      input: {
        repoUrl,
        description: 'Issues refunds for returned orders.',
        defaultBranch: 'main',
        repoVisibility: 'private',
      } as any,
      workspacePath,
    });
    await createPublishGithubAction({
      integrations: ScmIntegrations.fromConfig(config),
      config,
    }).handler(publish);

    expect(created).toEqual([
      expect.objectContaining({
        name: 'refunds-api',
        description: 'Issues refunds for returned orders.',
        visibility: 'private',
      }),
    ]);
    expect(initRepoAndPush).toHaveBeenCalledWith(
      expect.objectContaining({
        dir: workspacePath,
        remoteUrl: 'https://github.com/northwind/refunds-api.git',
        defaultBranch: 'main',
        auth: { username: 'x-access-token', password: 'ghp_test' },
      }),
    );
    expect(protections).toHaveLength(1);
    expect(publish.output).toHaveBeenCalledWith(
      'repoContentsUrl',
      'https://github.com/northwind/refunds-api/blob/main',
    );
    fs.rmSync(workspacePath, { recursive: true, force: true });
  });
});
