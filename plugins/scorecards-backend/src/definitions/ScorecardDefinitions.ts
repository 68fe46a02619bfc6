import fs from 'node:fs';
import path from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ScorecardDefinitionError } from '@internal/plugin-scorecards-common';
import { FactDefinition } from '@internal/plugin-scorecards-node';
import { parseScorecardFile } from './parseScorecardFile';
import { LoadedScorecard } from './types';

const RELOAD_DEBOUNCE_MS = 200;

/**
 * The scorecards defined in the files and folders named in config, reloaded
 * when they change. A file with problems is reported (file, scorecard, check)
 * and, on a reload, its last good version stays in use; other files are not
 * affected.
 */
export class ScorecardDefinitions {
  private byFile = new Map<string, LoadedScorecard>();
  private errors: ScorecardDefinitionError[] = [];
  private watchers: fs.FSWatcher[] = [];
  private reloadTimer?: NodeJS.Timeout;

  constructor(
    private readonly options: {
      /** Files, or folders whose *.yaml and *.yml files are read. */
      paths: string[];
      facts: ReadonlyMap<string, FactDefinition>;
      logger: LoggerService;
      /** Called after a reload changed what is loaded. */
      onChange?: () => void;
    },
  ) {}

  list(): LoadedScorecard[] {
    return [...this.byFile.values()].sort((a, b) =>
      a.title.localeCompare(b.title),
    );
  }

  get(id: string): LoadedScorecard | undefined {
    return this.list().find(s => s.id === id);
  }

  problems(): ScorecardDefinitionError[] {
    return this.errors;
  }

  /** Reads every file; returns whether what is loaded changed. */
  load(): boolean {
    const { logger } = this.options;
    const before = this.signature();
    const errors: ScorecardDefinitionError[] = [];
    const next = new Map<string, LoadedScorecard>();
    const ids = new Map<string, string>();

    for (const file of this.files(errors)) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        errors.push({
          file,
          message: `cannot be read: ${(e as Error).message}`,
        });
        continue;
      }
      let result: ReturnType<typeof parseScorecardFile>;
      try {
        result = parseScorecardFile(file, text, this.options.facts);
      } catch (e) {
        result = {
          errors: [
            { file, message: `cannot be read: ${(e as Error).message}` },
          ],
        };
      }
      let scorecard = result.scorecard;
      if (!scorecard) {
        errors.push(...result.errors);
        scorecard = this.byFile.get(file);
        if (scorecard) {
          logger.warn(
            `Scorecards: keeping the last good version of ${file} until its problems are fixed`,
          );
        }
      }
      if (!scorecard) continue;
      const other = ids.get(scorecard.id);
      if (other) {
        errors.push({
          file,
          scorecard: scorecard.id,
          message: `duplicate scorecard id '${scorecard.id}', already defined in ${other}`,
        });
        continue;
      }
      ids.set(scorecard.id, file);
      next.set(file, scorecard);
    }

    this.byFile = next;
    this.errors = errors;
    for (const e of errors) logger.error(`Scorecards: ${formatError(e)}`);
    logger.info(
      `Scorecards: loaded ${next.size} scorecards (${[...ids.keys()].join(
        ', ',
      )})${errors.length ? `, ${errors.length} problems` : ''}`,
    );
    return this.signature() !== before;
  }

  /** Which definitions are loaded, from which files (the hash covers the content). */
  private signature(): string {
    return this.list()
      .map(s => `${s.file}#${s.hash}`)
      .join('\n');
  }

  /** Reloads on changes to the configured files and folders. */
  watch() {
    const dirs = new Set(
      this.options.paths.map(p => (isDirectory(p) ? p : path.dirname(p))),
    );
    for (const dir of dirs) {
      try {
        this.watchers.push(
          fs.watch(dir, () => {
            clearTimeout(this.reloadTimer);
            this.reloadTimer = setTimeout(() => {
              try {
                if (this.load()) this.options.onChange?.();
              } catch (e) {
                this.options.logger.error(
                  `Scorecards: reloading the definitions failed: ${e}`,
                );
              }
            }, RELOAD_DEBOUNCE_MS);
          }),
        );
      } catch (e) {
        this.options.logger.warn(
          `Scorecards: cannot watch ${dir} for changes: ${
            (e as Error).message
          }`,
        );
      }
    }
  }

  close() {
    clearTimeout(this.reloadTimer);
    this.watchers.forEach(w => w.close());
    this.watchers = [];
  }

  private files(errors: ScorecardDefinitionError[]): string[] {
    const files: string[] = [];
    for (const p of this.options.paths) {
      if (isDirectory(p)) {
        try {
          files.push(
            ...fs
              .readdirSync(p)
              .filter(f => /\.ya?ml$/.test(f))
              .sort()
              .map(f => path.join(p, f)),
          );
        } catch (e) {
          errors.push({
            file: p,
            message: `cannot be listed: ${(e as Error).message}`,
          });
        }
      } else if (fs.existsSync(p)) {
        files.push(p);
      } else {
        errors.push({ file: p, message: 'does not exist' });
      }
    }
    return files;
  }
}

/** One line naming the file, the scorecard and the check. */
function formatError(e: ScorecardDefinitionError): string {
  return [
    e.file,
    e.scorecard && `scorecard '${e.scorecard}'`,
    e.check && `check '${e.check}'`,
    e.message,
  ]
    .filter(Boolean)
    .join(': ');
}

function isDirectory(p: string) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
