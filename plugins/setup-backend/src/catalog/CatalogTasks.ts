import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ProviderRun } from '@internal/plugin-setup-common';

/**
 * A task's state, as the scheduler of @backstage/backend-defaults serves it
 * at /.backstage/scheduler/v1/tasks.
 */
interface TaskState {
  status: 'running' | 'idle';
  startedAt?: string;
  startsAt?: string;
  lastRunEndedAt?: string;
  /** The error the last run threw: serialized JSON for global tasks. */
  lastRunError?: unknown;
}

/** The message of a task's lastRunError, whatever its form. */
function errorMessage(error: unknown): string | undefined {
  if (error === undefined || error === null || error === '') return undefined;
  let value = error;
  if (typeof error === 'string') {
    try {
      value = JSON.parse(error);
    } catch {
      return error;
    }
  }
  const { name, message } = (value ?? {}) as {
    name?: string;
    message?: string;
  };
  if (message) return name ? `${name}: ${message}` : message;
  return String(error);
}

/**
 * The catalog's scheduled tasks, as its scheduler tells them (each plugin's
 * scheduler serves its own tasks; the catalog runs the providers' tasks).
 */
export class CatalogTasks {
  private constructor(
    private readonly auth: AuthService,
    private readonly discovery: DiscoveryService,
    private readonly logger: LoggerService,
  ) {}

  static create(options: {
    auth: AuthService;
    discovery: DiscoveryService;
    logger: LoggerService;
  }): CatalogTasks {
    return new CatalogTasks(options.auth, options.discovery, options.logger);
  }

  /**
   * The run state of each task, by task id, or undefined when the catalog's
   * scheduler could not be read (logged).
   */
  async runs(): Promise<Map<string, ProviderRun> | undefined> {
    try {
      const baseUrl = await this.discovery.getBaseUrl('catalog');
      const { token } = await this.auth.getPluginRequestToken({
        onBehalfOf: await this.auth.getOwnServiceCredentials(),
        targetPluginId: 'catalog',
      });
      const res = await fetch(`${baseUrl}/.backstage/scheduler/v1/tasks`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw await ResponseError.fromResponse(res);
      const body = (await res.json()) as {
        tasks: Array<{ taskId: string; taskState: TaskState | null }>;
      };
      return new Map(
        body.tasks.map(({ taskId, taskState }) => [
          taskId,
          taskState ? this.toRun(taskState) : { status: 'unknown' },
        ]),
      );
    } catch (error) {
      this.logger.warn(
        `Could not read the catalog's scheduled tasks: ${error}`,
      );
      return undefined;
    }
  }

  private toRun(state: TaskState): ProviderRun {
    const message = errorMessage(state.lastRunError);
    return {
      status: state.status,
      ...(state.startedAt && { startedAt: state.startedAt }),
      ...(state.lastRunEndedAt && { lastRunEndedAt: state.lastRunEndedAt }),
      ...(state.startsAt && { nextRunAt: state.startsAt }),
      ...(message && {
        lastError: {
          message,
          ...(state.lastRunEndedAt && { at: state.lastRunEndedAt }),
        },
      }),
    };
  }
}
