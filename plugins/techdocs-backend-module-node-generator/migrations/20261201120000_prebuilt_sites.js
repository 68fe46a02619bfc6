// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('techdocs_prebuilt_sites', table => {
    table.comment(
      'The docs site of each documented entity as the Node generator prebuilder last built it, and the source state it was built from',
    );
    table
      .text('entity_ref')
      .primary()
      .comment('The entity, as a full entity ref (component:default/orders)');
    table
      .text('entity_uid')
      .notNullable()
      .comment(
        'metadata.uid when last seen; a re-created entity is built again',
      );
    table
      .text('entity_etag')
      .nullable()
      .comment(
        'metadata.etag when last seen; an announced change with the same etag is not stitched yet',
      );
    table
      .text('wanted_hash')
      .notNullable()
      .comment('Source state the entity has now, as last seen in the catalog');
    table
      .text('source_hash')
      .nullable()
      .comment(
        'Source state the status was reached from; null until the first build finishes. A row whose wanted_hash differs is waiting to be built',
      );
    table
      .text('status')
      .nullable()
      .comment(
        'built or failed: the outcome for source_hash; null before that',
      );
    table
      .text('failure_reason')
      .nullable()
      .comment('Why the last build failed, as the build log names it');
    table
      .timestamp('failed_at', { useTz: true })
      .nullable()
      .comment('When the last build failed');
    table
      .timestamp('built_at', { useTz: true })
      .nullable()
      .comment('When the prebuilder last built or adopted a published site');
    table
      .integer('page_count')
      .nullable()
      .comment('Pages of the site the prebuilder last built or adopted');
    table
      .text('claimed_by')
      .nullable()
      .comment('The instance building it now (host, process and claim id)');
    table
      .timestamp('claimed_until', { useTz: true })
      .nullable()
      .comment(
        'When the claim expires: another instance may build it after that',
      );
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment(
        'Last write; the reconciliation forgets only rows older than its pass',
      );
  });
  await knex.raw(
    `CREATE INDEX techdocs_prebuilt_sites_pending_idx ON techdocs_prebuilt_sites (updated_at)
     WHERE source_hash IS NULL OR wanted_hash <> source_hash`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('techdocs_prebuilt_sites');
};
