import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withStagedOutput } from './stagedOutput';

const made: string[] = [];
afterAll(() =>
  made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })),
);

function write(dir: string, files: Record<string, string>) {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

describe('withStagedOutput', () => {
  it('replaces what the output folder held under the names the build wrote, and leaves it as it was when the build fails', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'staged-'));
    made.push(root);
    const outputDir = path.join(root, 'site');
    write(outputDir, { 'index.html': 'old', 'guide/index.html': 'old guide' });

    await expect(
      withStagedOutput(outputDir, async dir => {
        write(dir, { 'index.html': 'half' });
        throw new Error('page 3 failed');
      }),
    ).rejects.toThrow('page 3 failed');
    expect(fs.readFileSync(path.join(outputDir, 'index.html'), 'utf8')).toBe(
      'old',
    );

    await withStagedOutput(outputDir, async dir =>
      write(dir, { 'index.html': 'new', 'guide/setup/index.html': 'setup' }),
    );
    expect(fs.readFileSync(path.join(outputDir, 'index.html'), 'utf8')).toBe(
      'new',
    );
    // The build's guide/ replaced the old one, which held another page.
    expect(fs.readdirSync(path.join(outputDir, 'guide'))).toEqual(['setup']);
    expect(fs.readdirSync(root)).toEqual(['site']);
  });
});
