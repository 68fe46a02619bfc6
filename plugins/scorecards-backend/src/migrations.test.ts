import fs from 'node:fs';
import path from 'node:path';
import { Knex } from 'knex';
import { createTestDatabases } from '@internal/test-utils';

const migrationsDir = path.resolve(__dirname, '../migrations');
const migrationFiles = fs
  .readdirSync(migrationsDir)
  .filter(file => file.endsWith('.js'))
  .sort();

const TABLES = ['scorecard_results', 'scorecard_history', 'scorecard_entities'];

const databases = createTestDatabases();

jest.setTimeout(60_000);

async function migrateUpOnce(knex: Knex) {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex) {
  await knex.migrate.down({ directory: migrationsDir });
}

async function migrateUntilBefore(knex: Knex, target: string) {
  const index = migrationFiles.indexOf(target);
  if (index === -1) {
    throw new Error(`Migration ${target} not found in ${migrationsDir}`);
  }
  for (let i = 0; i < index; i++) {
    await migrateUpOnce(knex);
  }
}

/** The tables among `tables` that exist. */
async function existing(knex: Knex, tables: string[]) {
  const found = [];
  for (const table of tables) {
    if (await knex.schema.hasTable(table)) found.push(table);
  }
  return found;
}

/** Every table in the database's schema but knex's own bookkeeping. */
async function allTables(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw(
    `SELECT tablename FROM pg_tables
      WHERE schemaname = current_schema()
        AND tablename NOT LIKE 'knex\\_migrations%'
      ORDER BY tablename`,
  );
  return rows.map((r: { tablename: string }) => r.tablename);
}

/** `table` or `table.column` for each table or column without a comment. */
async function uncommented(knex: Knex, tables: string[]) {
  const { rows } = await knex.raw(
    `SELECT c.relname AS table_name, a.attname AS column_name,
            obj_description(c.oid, 'pg_class') AS table_comment,
            col_description(c.oid, a.attnum) AS column_comment
       FROM pg_class c
       JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relname = ANY(?) AND c.relkind = 'r'
        AND a.attnum > 0 AND NOT a.attisdropped`,
    [tables],
  );
  const missing = new Set<string>();
  for (const r of rows) {
    if (!r.table_comment) missing.add(r.table_name);
    if (!r.column_comment) missing.add(`${r.table_name}.${r.column_name}`);
  }
  return [...missing].sort();
}

describe('migrations', () => {
  it.each(databases.eachSupportedId())(
    '20261125120000_init.js: up, data, down, up again, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUntilBefore(knex, '20261125120000_init.js');

      await migrateUpOnce(knex);
      expect(await existing(knex, TABLES)).toEqual(TABLES);
      expect(await uncommented(knex, TABLES)).toEqual([]);

      // One row per table, written and then read back as it was written.
      const evaluatedAt = new Date('2026-11-25T12:00:00.000Z');
      const checks = [
        { checkId: 'owned', status: 'pass' },
        { checkId: 'docs', status: 'fail', reason: 'no docs' },
      ];
      const result = {
        entity_ref: 'component:default/a',
        scorecard_id: 'ready',
        level: 'bronze',
        level_index: 0,
        passed: 1,
        total: 2,
        definition_hash: 'v1',
        checks,
        failing_checks: ['docs'],
        erroring_checks: [],
        owner_ref: 'group:default/team-a',
        system_ref: null,
        evaluated_at: evaluatedAt,
      };
      const history = {
        entity_ref: 'component:default/a',
        scorecard_id: 'ready',
        day: '2026-11-25',
        level: null,
        level_index: -1,
        passed: 0,
        total: 2,
        owner_ref: 'group:default/team-a',
        system_ref: 'system:default/shop',
      };
      const entity = {
        entity_ref: 'component:default/a',
        etag: 'etag-1',
        evaluated_at: evaluatedAt,
      };
      await knex('scorecard_results').insert({
        ...result,
        checks: JSON.stringify(checks),
      });
      await knex('scorecard_history').insert(history);
      await knex('scorecard_entities').insert(entity);

      await expect(knex('scorecard_results')).resolves.toEqual([result]);
      await expect(
        knex('scorecard_history').select(
          Object.keys(history).map(column =>
            column === 'day'
              ? knex.raw("to_char(day, 'YYYY-MM-DD') AS day")
              : column,
          ),
        ),
      ).resolves.toEqual([history]);
      await expect(knex('scorecard_entities')).resolves.toEqual([entity]);
      // One result per entity and scorecard, one history row per day.
      await expect(
        knex('scorecard_results').insert({
          ...result,
          definition_hash: 'v2',
          checks: '[]',
        }),
      ).rejects.toThrow(/duplicate key/);
      await expect(
        knex('scorecard_history').insert({ ...history, level_index: 0 }),
      ).rejects.toThrow(/duplicate key/);

      await migrateDownOnce(knex);
      expect(await existing(knex, TABLES)).toEqual([]);

      // Down left nothing behind (no table, no index) that up would trip on.
      await migrateUpOnce(knex);
      expect(await existing(knex, TABLES)).toEqual(TABLES);
      await expect(knex('scorecard_results')).resolves.toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    '20261201120000_results_hash.js: adds the result hash to existing rows as null, says what evaluated_at now means; down puts both back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUntilBefore(knex, '20261201120000_results_hash.js');
      await knex('scorecard_results').insert({
        entity_ref: 'component:default/a',
        scorecard_id: 'ready',
        level: null,
        level_index: -1,
        passed: 0,
        total: 1,
        definition_hash: 'v1',
        checks: '[]',
        failing_checks: [],
        erroring_checks: [],
        evaluated_at: new Date('2026-11-25T12:00:00.000Z'),
      });
      const comment = async () =>
        (
          await knex.raw(
            `SELECT col_description('scorecard_results'::regclass, attnum) AS comment
               FROM pg_attribute
              WHERE attrelid = 'scorecard_results'::regclass AND attname = 'evaluated_at'`,
          )
        ).rows[0].comment;
      expect(await comment()).toBe('When it was evaluated');

      await migrateUpOnce(knex);
      expect(await comment()).toBe(
        'When this result last changed; the last evaluation is scorecard_entities.evaluated_at',
      );
      await expect(
        knex('scorecard_results').select('entity_ref', 'result_hash'),
      ).resolves.toEqual([
        { entity_ref: 'component:default/a', result_hash: null },
      ]);

      await migrateDownOnce(knex);
      expect(await comment()).toBe('When it was evaluated');
      expect(
        await knex.schema.hasColumn('scorecard_results', 'result_hash'),
      ).toBe(false);
      await expect(knex('scorecard_results').count()).resolves.toEqual([
        { count: '1' },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    '20261202120000_run_requests.js: a table of full runs asked for, when and why, commented; down drops only it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUntilBefore(knex, '20261202120000_run_requests.js');
      const before = await allTables(knex);

      await migrateUpOnce(knex);
      expect(await allTables(knex)).toEqual(
        [...before, 'scorecard_run_requests'].sort(),
      );
      expect(await uncommented(knex, ['scorecard_run_requests'])).toEqual([]);
      const asked = new Date('2026-12-02T12:00:00.000Z');
      await knex('scorecard_run_requests').insert([
        { reason: 'refresh', requested_at: asked },
        { reason: 'definitions' }, // when: now
      ]);
      const rows = await knex('scorecard_run_requests').orderBy('id');
      expect(rows).toEqual([
        { id: expect.anything(), reason: 'refresh', requested_at: asked },
        {
          id: expect.anything(),
          reason: 'definitions',
          requested_at: expect.any(Date),
        },
      ]);
      expect(rows[0].id).not.toEqual(rows[1].id);
      await expect(
        knex('scorecard_run_requests').insert({ requested_at: asked }),
      ).rejects.toThrow(/not-null/);

      await migrateDownOnce(knex);
      expect(await allTables(knex)).toEqual(before);
    },
  );

  it.each(databases.eachSupportedId())(
    'every migration goes up (its tables commented), down (leaving no table) and up again, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const applied = async () => {
        const [completed] = await knex.migrate.list({
          directory: migrationsDir,
        });
        return completed.map((m: { name: string }) => m.name).sort();
      };

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await applied()).toEqual(migrationFiles);
      const tables = await allTables(knex);
      expect(tables).toEqual(expect.arrayContaining(TABLES));
      expect(await uncommented(knex, tables)).toEqual([]);

      for (let i = migrationFiles.length; i > 0; i--) {
        await migrateDownOnce(knex);
      }
      expect(await applied()).toEqual([]);
      expect(await allTables(knex)).toEqual([]);

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await applied()).toEqual(migrationFiles);
      expect(await allTables(knex)).toEqual(tables);
    },
  );
});
