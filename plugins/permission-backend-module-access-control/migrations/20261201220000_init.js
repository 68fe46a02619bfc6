// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('access_control_grants', table => {
    table.comment(
      'Roles granted on the access control page, besides those the policy file and config name',
    );
    table.string('role').notNullable().comment('A role of the policy file');
    table
      .string('member')
      .notNullable()
      .comment('The user or group holding it, as a lower-case entity ref');
    table
      .string('granted_by')
      .notNullable()
      .comment('The user who granted it, as an entity ref');
    table
      .timestamp('granted_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment('When it was granted');
    table.primary(['role', 'member']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('access_control_grants');
};
