import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { mockServices } from '@backstage/backend-test-utils';
import { waitUntil } from '@internal/test-utils';
import { greenroomPermissions } from './knownPermissions';
import { PolicyFile } from './PolicyFile';

const shipped = path.resolve(
  __dirname,
  '../../../../access-control/policy.yaml',
);
/** The viewer's read of the catalog, whose condition hides the templates not recommended. */
const VIEWER_READ = '      - permission: catalog.entity.read\n        if:\n';

jest.setTimeout(20_000);

describe('PolicyFile, watching its file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-file-'));
  const target = path.join(dir, 'policy.yaml');
  const full = fs.readFileSync(shipped, 'utf8');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uses a change only once the file reads the same twice, never the file caught half-written', async () => {
    const edited = full.replace(
      'Everything, access control included.',
      'Everything, access control too.',
    );
    expect(edited).not.toBe(full);
    expect(full).toContain(VIEWER_READ);
    // Cut before the viewer's condition, the file still parses, with a read
    // of every entity, templates included.
    const half = edited.slice(
      0,
      edited.indexOf(VIEWER_READ) + VIEWER_READ.indexOf('\n') + 1,
    );
    fs.writeFileSync(target, full);
    const logger = mockServices.logger.mock();
    const file = PolicyFile.create({
      file: target,
      known: greenroomPermissions(),
      logger,
      reloadDebounceMs: 1000,
    });
    file.watch();
    try {
      fs.writeFileSync(target, half);
      // the first look (at 1 s) sees the half file; the rest of it comes
      // before the second
      await sleep(1500);
      fs.writeFileSync(target, edited);
      await waitUntil(
        async () =>
          logger.info.mock.calls.some(([m]) => m.includes('reloaded')),
        { timeoutMs: 10_000, what: 'the edited file used' },
      );
      await sleep(2500);

      expect(
        logger.info.mock.calls.filter(([m]) => m.includes('reloaded')),
      ).toHaveLength(1);
      const state = file.current();
      if (!state.ok) throw new Error(state.problems.join('; '));
      expect(state.policy.roles.get('admin')!.description).toBe(
        'Everything, access control too.',
      );
      const viewer = state.policy.roles.get('viewer')!;
      expect(
        viewer.allow.find(g => g.permission === 'catalog.entity.read')?.if,
      ).toBeDefined();
      expect(logger.error).not.toHaveBeenCalled();
    } finally {
      file.close();
    }
  });
});
