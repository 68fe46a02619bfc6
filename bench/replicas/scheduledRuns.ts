import knexFactory, { Knex } from 'knex';
import { Duration } from 'luxon';
import { CronTime } from 'cron';

type Connection = {
  host: string;
  port: number;
  user: string;
  password?: string;
};

/** One global scheduled task as the bench saw it run. */
export type TaskRuns = {
  /** `<plugin database>/<task id>` */
  task: string;
  /** Its period in ms (the cadence, or a cron expression's first gap). */
  periodMs: number;
  /** When each run was seen to start (or, for runs shorter than a poll, to end). */
  runs: number[];
};

function periodOf(settingsJson: string): number | undefined {
  const { cadence } = JSON.parse(settingsJson) as { cadence?: string };
  if (!cadence || cadence === 'manual') return undefined;
  if (cadence.startsWith('P')) return Duration.fromISO(cadence).toMillis();
  const cron = new CronTime(cadence);
  const [a, b] = cron.sendAt(2);
  return b.toMillis() - a.toMillis();
}

/**
 * Watches the scheduler's table (`backstage_backend_tasks__tasks`) in every
 * plugin database of `prefix`, polling twice a second: a run is seen when a
 * task's `current_run_started_at` appears, or its `last_run_ended_at` moves
 * without a start having been seen. Only global tasks are in that table:
 * local ones run in every replica by design.
 */
export async function watchScheduledRuns(options: {
  connection: Connection;
  prefix: string;
}) {
  const { connection, prefix } = options;
  const admin = knexFactory({
    client: 'pg',
    connection: { ...connection, database: 'postgres' },
  });
  const { rows } = await admin.raw(
    `SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY datname`,
    [`${prefix}%`],
  );
  await admin.destroy();
  const databases: Array<{ name: string; db: Knex }> = [];
  for (const { datname } of rows as Array<{ datname: string }>) {
    const db = knexFactory({
      client: 'pg',
      connection: { ...connection, database: datname },
      pool: { min: 0, max: 1 },
    });
    const exists = await db.raw(
      `SELECT to_regclass('backstage_backend_tasks__tasks') AS t`,
    );
    if (exists.rows[0].t) databases.push({ name: datname, db });
    else await db.destroy();
  }

  const tasks = new Map<
    string,
    {
      periodMs?: number;
      runs: number[];
      lastStart?: number;
      lastEnd?: number;
    }
  >();
  let polling = true;
  const poll = async () => {
    for (const { name, db } of databases) {
      const found = await db('backstage_backend_tasks__tasks').select(
        'id',
        'settings_json',
        'current_run_started_at',
        'last_run_ended_at',
      );
      for (const row of found) {
        const key = `${name.slice(prefix.length)}/${row.id}`;
        const start = row.current_run_started_at
          ? new Date(row.current_run_started_at).getTime()
          : undefined;
        const end = row.last_run_ended_at
          ? new Date(row.last_run_ended_at).getTime()
          : undefined;
        let task = tasks.get(key);
        if (!task) {
          // what happened before the watch began is not counted
          task = {
            periodMs: periodOf(row.settings_json),
            runs: [],
            lastStart: start,
            lastEnd: end,
          };
          tasks.set(key, task);
          continue;
        }
        if (start !== undefined && start !== task.lastStart) {
          task.runs.push(start);
          task.lastStart = start;
        } else if (end !== undefined && end !== task.lastEnd) {
          const lastRun = task.runs[task.runs.length - 1];
          // a run shorter than a poll, seen only by its end
          if (lastRun === undefined || lastRun <= (task.lastEnd ?? 0)) {
            task.runs.push(end);
          }
        }
        task.lastEnd = end;
      }
    }
  };
  const loop = (async () => {
    while (polling) {
      await poll();
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  })();

  return {
    /** Stops watching; the runs seen, per global task with a period. */
    async stop(): Promise<TaskRuns[]> {
      polling = false;
      await loop;
      await Promise.all(databases.map(d => d.db.destroy()));
      return [...tasks.entries()]
        .filter(([, t]) => t.periodMs !== undefined)
        .map(([task, t]) => ({ task, periodMs: t.periodMs!, runs: t.runs }));
    },
  };
}

/**
 * How a task's runs compare with its periods in the window watched. A run
 * starts when a replica's poll finds its time has come, and the next is due
 * one period after the time the last was due (not after it started), so
 * one run can start late and the next on time; what "once per period"
 * rules out is more runs than periods, as a task run by both replicas
 * would have. One period may be lost to a kill (the run was cut, and the
 * next waits for its timeout).
 */
export function runsPerPeriod(task: TaskRuns, windowMs: number) {
  const periods = windowMs / task.periodMs;
  return {
    periods: Math.floor(periods),
    twice: task.runs.length > Math.floor(periods) + 1,
    missed: task.runs.length < Math.floor(periods) - 1,
  };
}
