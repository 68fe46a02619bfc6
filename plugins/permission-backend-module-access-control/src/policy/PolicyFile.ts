import fs from 'node:fs';
import path from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import { KnownPermissions } from './knownPermissions';
import { parsePolicyFile, PolicyFileError } from './parsePolicyFile';
import { PolicyDocument } from './types';

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
    policy: PolicyDocument,
  ) {
    this.state = { ok: true, policy };
  }

  /** @throws PolicyFileError when the file cannot be read or used. */
  static create(options: {
    file: string;
    known: KnownPermissions;
    logger: LoggerService;
  }): PolicyFile {
    const file = path.resolve(options.file);
    return new PolicyFile(
      file,
      options.known,
      options.logger,
      read(file, options.known),
    );
  }

  current(): PolicyState {
    return this.state;
  }

  /** Reads the file again; a problem is logged and makes every decision a denial. */
  reload(): PolicyState {
    try {
      this.state = { ok: true, policy: read(this.file, this.known) };
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
   * a symlink whose name is not the file's.
   */
  watch() {
    this.contentChanged();
    try {
      this.watcher = fs.watch(path.dirname(this.file), () => {
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => {
          if (this.contentChanged()) this.reload();
        }, RELOAD_DEBOUNCE_MS);
      });
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

  private lastText?: string;

  /** Whether the file reads differently from the last time it was loaded. */
  private contentChanged(): boolean {
    let text: string | undefined;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      text = undefined;
    }
    const changed = text !== this.lastText;
    this.lastText = text;
    return changed;
  }

  close() {
    clearTimeout(this.reloadTimer);
    this.watcher?.close();
  }
}

function read(file: string, known: KnownPermissions): PolicyDocument {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new PolicyFileError(file, [
      `${file}: cannot be read: ${(e as Error).message}`,
    ]);
  }
  return parsePolicyFile(file, text, known);
}
