import { startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleCodeowners } from './module';

describe('scaffolderModuleCodeowners', () => {
  it('adds greenroom:codeowners:write to the scaffolder', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [scaffolderModuleCodeowners],
    });
    expect(addActions.mock.calls.flat().map(a => a.id)).toEqual([
      'greenroom:codeowners:write',
    ]);
  });
});
