// @ts-check

/**
 * Results are rewritten only when they change: a hash of each result tells
 * whether it did, and evaluated_at now says when it last changed (when the
 * entity was last evaluated is scorecard_entities.evaluated_at).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecard_results', table => {
    table
      .string('result_hash')
      .nullable()
      .comment(
        'Hash of the level, counts, checks, owner, system and definition; null for rows written before it existed',
      );
  });
  await knex.raw(
    `COMMENT ON COLUMN scorecard_results.evaluated_at IS 'When this result last changed; the last evaluation is scorecard_entities.evaluated_at'`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw(
    `COMMENT ON COLUMN scorecard_results.evaluated_at IS 'When it was evaluated'`,
  );
  await knex.schema.alterTable('scorecard_results', table => {
    table.dropColumn('result_hash');
  });
};
