import fs from 'node:fs';
import path from 'node:path';

/** Lines per snippet file of the bomb, and files: 32⁴ lines once expanded. */
const BOMB_FANOUT = 32;
const BOMB_FILES = 4;
/** Levels of the symlink fan-out, each reached twice from the level above. */
const FANOUT_LEVELS = 10;

function writeRepo(
  dir: string,
  siteName: string,
  files: Record<string, string>,
) {
  fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'mkdocs.yml'), `site_name: ${siteName}\n`);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

/**
 * Writes into `dir` (created if missing) a docs repository of 6 KB: mkdocs.yml
 * and docs/index.md, which includes (from the repository's root, as
 * pymdownx.snippets' base_path) the first of four snippet files of 32
 * lines, each line of one including the next file, the last 32 lines of text.
 * Expanded naively, the page is 32⁴ lines, about 100 MB.
 */
export function writeSnippetBomb(dir: string): void {
  const files: Record<string, string> = {
    'docs/index.md': '# Snippet bomb\n\n--8<-- "docs/snippets/1.md"\n',
  };
  for (let i = 1; i < BOMB_FILES; i++) {
    files[`docs/snippets/${i}.md`] = `--8<-- "docs/snippets/${
      i + 1
    }.md"\n`.repeat(BOMB_FANOUT);
  }
  // 31 lines of 100 bytes and a blank line: 3 KB, a paragraph.
  files[
    `docs/snippets/${BOMB_FILES}.md`
  ] = `${`${'All work and no play. '.repeat(4)}Still here.\n`.repeat(
    BOMB_FANOUT - 1,
  )}\n`;
  writeRepo(dir, 'Snippet bomb', files);
}

/**
 * Writes into `dir` (created if missing) a docs repository whose docs/ has
 * ten levels of one page each, in a hidden folder, and two symlinks (`a`,
 * `b`) from the docs folder and from every level to the next level. Each
 * level is reached through 2ⁿ paths: followed naively, 2,047 pages.
 */
export function writeSymlinkFanout(dir: string): void {
  const files: Record<string, string> = {
    'docs/index.md': '# Symlink fan-out\n',
  };
  for (let level = 1; level <= FANOUT_LEVELS; level++) {
    files[`docs/.levels/${level}/level-${level}.md`] = `# Level ${level}\n`;
  }
  writeRepo(dir, 'Symlink fan-out', files);
  const link = (from: string, level: number) => {
    for (const name of ['a', 'b']) {
      fs.symlinkSync(
        path.relative(
          path.join(dir, from),
          path.join(dir, 'docs', '.levels', String(level)),
        ),
        path.join(dir, from, name),
        'dir',
      );
    }
  };
  link('docs', 1);
  for (let level = 1; level < FANOUT_LEVELS; level++) {
    link(`docs/.levels/${level}`, level + 1);
  }
}
