import {
  createServiceFactory,
  createServiceRef,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ProviderLogLine } from '@internal/plugin-setup-common';
import { JsonObject } from '@backstage/types';

/** What one run of a scheduled task logged. */
export interface TaskRunLines {
  /** The run's last info line, e.g. "Committed 12 LDAP users and 3 LDAP groups in 0.4 seconds." */
  summary?: ProviderLogLine;
  /** The run's last error line, e.g. "LdapOrgEntityProvider:corp refresh failed, InvalidCredentialsError: …" */
  lastError?: ProviderLogLine;
}

/**
 * The lines that the catalog's org and discovery providers log while their
 * scheduled tasks run, the latest run of each task. The first-party providers
 * catch their own failures and log them (GitHub lacking a scope, an LDAP bind
 * refused) so the scheduler sees every run succeed: their log lines are the
 * only place the reason is told. Kept in this process's memory.
 */
export class ProviderLogs {
  private readonly runs = new Map<
    string,
    TaskRunLines & { taskInstanceId: string }
  >();

  private constructor() {}

  static create(): ProviderLogs {
    return new ProviderLogs();
  }

  /** What the latest run of a task logged, if this process ran it. */
  get(taskId: string): TaskRunLines | undefined {
    const run = this.runs.get(taskId);
    return run && { summary: run.summary, lastError: run.lastError };
  }

  /**
   * A logger that writes to `logger` and records the lines logged through
   * children carrying a `taskId` and `taskInstanceId`, as the providers'
   * task loggers do.
   */
  wrap(logger: LoggerService, meta: JsonObject = {}): LoggerService {
    const record = (level: 'info' | 'error', message: string): void => {
      const { taskId, taskInstanceId } = meta;
      if (typeof taskId !== 'string' || typeof taskInstanceId !== 'string') {
        return;
      }
      let run = this.runs.get(taskId);
      if (run?.taskInstanceId !== taskInstanceId) {
        run = { taskInstanceId };
        this.runs.set(taskId, run);
      }
      const line = { message, at: new Date().toISOString() };
      if (level === 'error') run.lastError = line;
      else run.summary = line;
    };
    return {
      error: (message, m) => {
        record('error', message);
        logger.error(message, m);
      },
      warn: (message, m) => logger.warn(message, m),
      info: (message, m) => {
        record('info', message);
        logger.info(message, m);
      },
      debug: (message, m) => logger.debug(message, m),
      child: childMeta =>
        this.wrap(logger.child(childMeta), { ...meta, ...childMeta }),
    };
  }
}

/**
 * The process's {@link ProviderLogs}: the catalog's logger records into it
 * (see `catalogProviderLogsServiceFactory`) and the setup plugin reads it.
 *
 * @public
 */
export const providerLogsServiceRef = createServiceRef<ProviderLogs>({
  id: 'greenroom.setup.provider-logs',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => ProviderLogs.create(),
    }),
});
