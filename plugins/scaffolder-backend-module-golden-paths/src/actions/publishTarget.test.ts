import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createPublishTargetAction } from './publishTarget';

const run = async (publish: object) => {
  const action = createPublishTargetAction({
    config: mockServices.rootConfig({
      data: {
        app: { baseUrl: 'https://portal.example.com' },
        greenroom: { publish },
      },
    }),
  });
  const ctx = createMockActionContext({
    input: { name: 'refunds-api' } as any,
  });
  await action.handler(ctx);
  return ctx.output;
};

describe('greenroom:publish:target', () => {
  it('is local by default', async () => {
    const output = await run({});
    expect(output).toHaveBeenCalledWith('target', 'local');
    expect(output).toHaveBeenCalledWith(
      'portalUrl',
      'https://portal.example.com',
    );
    expect(output).not.toHaveBeenCalledWith('repoUrl', expect.anything());
  });

  it('gives publish:github its repoUrl in the configured organization', async () => {
    const output = await run({
      target: 'github',
      githubOrganization: 'northwind',
    });
    expect(output).toHaveBeenCalledWith('target', 'github');
    expect(output).toHaveBeenCalledWith(
      'repoUrl',
      'github.com?owner=northwind&repo=refunds-api',
    );
  });

  it('names what is missing or wrong in the config', async () => {
    await expect(run({ target: 'github' })).rejects.toThrow(
      'greenroom.publish.githubOrganization is not set',
    );
    await expect(run({ target: 'gitlab' })).rejects.toThrow(
      "greenroom.publish.target is 'gitlab': use local or github",
    );
  });
});
