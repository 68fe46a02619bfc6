import fs from 'node:fs';
import path from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import { KnownPermissions } from './knownPermissions';
import { parsePolicyFile, PolicyFileError } from './parsePolicyFile';
import { PolicyDocument } from './types';

/** How long the file must read the same before a change is used. */
const RELOAD_DEBOUNCE_MS = 200;

/** What the policy file holds now: a checked policy, or why there is none. */
export type PolicyState =
  | { ok: true; policy: PolicyDocument }
  | { ok: false; file: string; problems: string[] };

/**
 * The policy file, read at start-up and again whenever it changes. A file
 * that cannot be used stops start-up; on a reload it is reported with its
 * lines and, until it is fixed, every request is denied: a broken policy
 * never allows more than the file says.
 */
export class PolicyFile {
  private state: PolicyState;
  private watcher?: fs.FSWatcher;
  private reloadTimer?: NodeJS.Timeout;

  private constructor(
    private readonly file: string,
    private readonly known: KnownPermissions,
    private readonly logger: LoggerService,
    private readonly debounceMs: number,
    policy: PolicyDocument,
  ) {
    this.state = { ok: true, policy };
  }

  /** @throws PolicyFileError when the file cannot be read or used. */
  static create(options: {
    file: string;
    known: KnownPermissions;
    logger: LoggerService;
    /** Tests: how long a change must read the same (default 200 ms). */
    reloadDebounceMs?: number;
  }): PolicyFile {
    const file = path.resolve(options.file);
    return new PolicyFile(
      file,
      options.known,
      options.logger,
      options.reloadDebounceMs ?? RELOAD_DEBOUNCE_MS,
      read(file, options.known),
    );
  }

  current(): PolicyState {
    return this.state;
  }

  /** Reads the file again; a problem is logged and makes every decision a denial. */
  reload(): PolicyState {
    return this.use(readText(this.file));
  }

  private use(text: string | Error): PolicyState {
    try {
      if (text instanceof Error) throw cannotRead(this.file, text);
      this.state = {
        ok: true,
        policy: parsePolicyFile(this.file, text, this.known),
      };
      this.logger.info(`Access control: reloaded ${this.file}`);
    } catch (e) {
      const problems = e instanceof PolicyFileError ? e.problems : [String(e)];
      this.state = { ok: false, file: this.file, problems };
      this.logger.error(
        `Access control: ${
          this.file
        } cannot be used, so every request is denied until it is fixed: ${problems.join(
          '; ',
        )}`,
      );
    }
    return this.state;
  }

  /**
   * Reloads when the file changes. Its folder is watched, and any change in
   * it is looked at: editors replace files, and a Kubernetes ConfigMap swaps
   * a symlink whose name is not the file's. A change is used once the file
   * reads the same twice, a debounce apart: a file caught
   * half-written can parse, and with a line cut before its `if:`, a
   * condition would be lost.
   */
  watch() {
    this.loadedText = textOf(readText(this.file));
    try {
      this.watcher = fs.watch(path.dirname(this.file), () =>
        this.checkSoon(undefined),
      );
      this.watcher.on('error', e =>
        this.logger.warn(
          `Access control: stopped watching ${this.file} for changes: ${e.message}`,
        ),
      );
    } catch (e) {
      this.logger.warn(
        `Access control: cannot watch ${this.file} for changes: ${
          (e as Error).message
        }`,
      );
    }
  }

  /** The text last used (undefined: the file could not be read). */
  private loadedText?: string;

  /** Looks at the file after a pause; `seen` is what it read at the last look. */
  private checkSoon(seen: string | Error | undefined) {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      const text = readText(this.file);
      if (seen === undefined || textOf(text) !== textOf(seen)) {
        this.checkSoon(text);
      } else if (textOf(text) !== this.loadedText) {
        this.loadedText = textOf(text);
        this.use(text);
      }
    }, this.debounceMs);
  }

  close() {
    clearTimeout(this.reloadTimer);
    this.watcher?.close();
  }
}

function read(file: string, known: KnownPermissions): PolicyDocument {
  const text = readText(file);
  if (text instanceof Error) throw cannotRead(file, text);
  return parsePolicyFile(file, text, known);
}

function readText(file: string): string | Error {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    return e as Error;
  }
}

/** What the change compares: the text, or that the file could not be read. */
function textOf(text: string | Error): string | undefined {
  return text instanceof Error ? undefined : text;
}

function cannotRead(file: string, error: Error): PolicyFileError {
  return new PolicyFileError(file, [
    `${file}: cannot be read: ${error.message}`,
  ]);
}
