// @ts-check

/**
 * Full runs someone asked for: the scheduled full run skips the entities
 * evaluated in the last minutes at their current etag, unless a request is
 * waiting, which the run that starts after it takes (whichever replica runs
 * the task).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_run_requests', table => {
    table.comment(
      'Full runs asked for and not started yet; the next full run evaluates every entity and deletes them',
    );
    table.bigIncrements('id').comment('The request');
    table
      .string('reason')
      .notNullable()
      .comment(
        'Why: refresh (POST /refresh) or definitions (the scorecard files changed)',
      );
    table
      .timestamp('requested_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment('When it was asked for');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_run_requests');
};
