import fs from 'node:fs';
import path from 'node:path';

/**
 * Runs `build` on a staging folder next to `outputDir` (the same file
 * system, so moving is a rename), and moves what it wrote into `outputDir`
 * only once it succeeded. A build that fails, at its third page or at a
 * limit, leaves `outputDir` as it found it, never a partial site that a
 * publisher or the reader would take for the docs.
 */
export async function withStagedOutput<T>(
  outputDir: string,
  build: (stagingDir: string) => Promise<T>,
): Promise<T> {
  const target = path.resolve(outputDir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(
    path.join(path.dirname(target), `.${path.basename(target)}.building-`),
  );
  try {
    const result = await build(staging);
    moveInto(staging, target);
    return result;
  } finally {
    // A worker stopped at a limit is killed as its build fails: retry in
    // case it was still writing while the folder was removed.
    fs.rmSync(staging, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Moves each entry of `from` into `to`, replacing what `to` held under that name. */
function moveInto(from: string, to: string) {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    const dest = path.join(to, name);
    fs.rmSync(dest, { recursive: true, force: true });
    fs.renameSync(path.join(from, name), dest);
  }
}
