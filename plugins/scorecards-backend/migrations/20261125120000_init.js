// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_results', table => {
    table.comment(
      'The latest result of each entity on each scorecard that applies to it',
    );
    table
      .string('entity_ref')
      .notNullable()
      .comment('The entity, as a full entity ref');
    table.string('scorecard_id').notNullable().comment('The scorecard');
    table
      .string('level')
      .nullable()
      .comment('Highest level reached; null when none');
    table
      .integer('level_index')
      .notNullable()
      .comment('Index of level, -1 when none');
    table.integer('passed').notNullable().comment('Checks passed');
    table.integer('total').notNullable().comment('Checks evaluated');
    table
      .string('definition_hash')
      .notNullable()
      .comment('Hash of the scorecard definition it was evaluated against');
    table
      .jsonb('checks')
      .notNullable()
      .comment('Each check: checkId, status, reason');
    table
      .specificType('failing_checks', 'text[]')
      .notNullable()
      .comment('Ids of the checks that fail');
    table
      .specificType('erroring_checks', 'text[]')
      .notNullable()
      .comment('Ids of the checks in error');
    table.string('owner_ref').nullable().comment('Owner of the entity');
    table.string('system_ref').nullable().comment('System of the entity');
    table
      .timestamp('evaluated_at', { useTz: true })
      .notNullable()
      .comment('When it was evaluated');
    table.primary(['entity_ref', 'scorecard_id']);
    table.index(['scorecard_id', 'level_index']);
    table.index(['owner_ref']);
    table.index(['system_ref']);
  });
  await knex.raw(
    'CREATE INDEX scorecard_results_failing_idx ON scorecard_results USING GIN (failing_checks)',
  );
  await knex.raw(
    'CREATE INDEX scorecard_results_erroring_idx ON scorecard_results USING GIN (erroring_checks)',
  );

  await knex.schema.createTable('scorecard_history', table => {
    table.comment(
      'The level of each entity on each scorecard, one row per day it was evaluated',
    );
    table.string('entity_ref').notNullable().comment('The entity');
    table.string('scorecard_id').notNullable().comment('The scorecard');
    table.date('day').notNullable().comment('The day (UTC)');
    table
      .string('level')
      .nullable()
      .comment('Level at the last evaluation that day');
    table
      .integer('level_index')
      .notNullable()
      .comment('Index of level, -1 when none');
    table.integer('passed').notNullable().comment('Checks passed');
    table.integer('total').notNullable().comment('Checks evaluated');
    table
      .string('owner_ref')
      .nullable()
      .comment('Owner of the entity that day');
    table
      .string('system_ref')
      .nullable()
      .comment('System of the entity that day');
    table.primary(['entity_ref', 'scorecard_id', 'day']);
    table.index(['scorecard_id', 'day']);
  });

  await knex.schema.createTable('scorecard_entities', table => {
    table.comment(
      'Entities evaluated, with the catalog etag they were evaluated at, to find changes',
    );
    table.string('entity_ref').primary().comment('The entity');
    table
      .string('etag')
      .notNullable()
      .comment('metadata.etag when last evaluated');
    table
      .timestamp('evaluated_at', { useTz: true })
      .notNullable()
      .comment('When it was last evaluated');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_entities');
  await knex.schema.dropTable('scorecard_history');
  await knex.schema.dropTable('scorecard_results');
};
