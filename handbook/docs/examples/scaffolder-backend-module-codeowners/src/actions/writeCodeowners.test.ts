import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createWriteCodeownersAction } from './writeCodeowners';

describe('greenroom:codeowners:write', () => {
  const workspace = createMockDirectory();
  const action = createWriteCodeownersAction();
  const run = (input: { owners: string[]; path?: string }) => {
    const ctx = createMockActionContext({
      // as a task may hand it over: without the default path
      input: input as { owners: string[]; path: string },
      workspacePath: workspace.path,
    });
    return { ctx, done: action.handler(ctx) };
  };

  beforeEach(() => workspace.clear());

  it('writes .github/CODEOWNERS naming every owner, and outputs its path', async () => {
    const { ctx, done } = run({ owners: ['@acme/team-a', '@ann'] });
    await done;
    expect(
      fs.readFileSync(path.join(workspace.path, '.github/CODEOWNERS'), 'utf8'),
    ).toBe('* @acme/team-a @ann\n');
    expect(ctx.output).toHaveBeenCalledWith('path', '.github/CODEOWNERS');
  });

  it('writes where it is told', async () => {
    await run({ owners: ['@ann'], path: 'docs/CODEOWNERS' }).done;
    expect(
      fs.readFileSync(path.join(workspace.path, 'docs/CODEOWNERS'), 'utf8'),
    ).toBe('* @ann\n');
  });

  it('names the owners that are not GitHub users or teams, and writes nothing', async () => {
    await expect(
      run({ owners: ['@ann', 'team-a', '@acme/team a'] }).done,
    ).rejects.toThrow(
      "Invalid owners 'team-a', '@acme/team a': use GitHub users or teams",
    );
    expect(fs.readdirSync(workspace.path)).toEqual([]);
  });

  it('refuses a path outside the workspace', async () => {
    await expect(
      run({ owners: ['@ann'], path: '../CODEOWNERS' }).done,
    ).rejects.toThrow(/outside/);
  });

  it('shows an example that uses it', () => {
    expect(action.examples?.[0].example).toContain(
      'action: greenroom:codeowners:write',
    );
  });
});
