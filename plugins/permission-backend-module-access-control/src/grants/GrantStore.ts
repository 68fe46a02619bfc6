import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-permission-backend-module-access-control',
  'migrations',
);
/** Its own migrations table: the permission plugin's database is shared with its other modules. */
const MIGRATIONS_TABLE = 'access_control_knex_migrations';
const TABLE = 'access_control_grants';

/** A role granted to a user or group on the access control page. */
export type StoredGrant = {
  role: string;
  member: string;
  grantedBy: string;
  grantedAt: string;
};

/** The roles granted on the access control page, in the permission plugin's Postgres database. */
export class GrantStore {
  private constructor(private readonly knex: Knex) {}

  /** Runs the migrations (unless `database.migrations.skip`). */
  static async create(options: {
    database: DatabaseService;
  }): Promise<GrantStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({
        directory: migrationsDir,
        tableName: MIGRATIONS_TABLE,
      });
    }
    return new GrantStore(knex);
  }

  async list(): Promise<StoredGrant[]> {
    const rows = await this.knex(TABLE).select().orderBy(['role', 'member']);
    return rows.map(row => ({
      role: row.role,
      member: row.member,
      grantedBy: row.granted_by,
      grantedAt: new Date(row.granted_at).toISOString(),
    }));
  }

  /** Grants; returns false when the member already held the role this way. */
  async add(grant: {
    role: string;
    member: string;
    grantedBy: string;
  }): Promise<boolean> {
    const inserted = await this.knex(TABLE)
      .insert({
        role: grant.role,
        member: grant.member,
        granted_by: grant.grantedBy,
      })
      .onConflict(['role', 'member'])
      .ignore()
      .returning('role');
    return inserted.length > 0;
  }

  /**
   * Revokes, unless `keep` throws because the grants left (of every role) are
   * too few; checked in the same transaction, so two admins revoking at once
   * cannot both pass. Returns false when there was no such grant.
   */
  async remove(
    grant: { role: string; member: string },
    keep?: (remaining: StoredGrant[]) => Promise<void>,
  ): Promise<boolean> {
    return this.knex.transaction(async tx => {
      await tx.raw('LOCK TABLE ?? IN SHARE ROW EXCLUSIVE MODE', [TABLE]);
      const deleted = await tx(TABLE)
        .where({ role: grant.role, member: grant.member })
        .delete();
      if (deleted && keep) {
        const rows = await tx(TABLE).select();
        await keep(
          rows.map(row => ({
            role: row.role,
            member: row.member,
            grantedBy: row.granted_by,
            grantedAt: new Date(row.granted_at).toISOString(),
          })),
        );
      }
      return deleted > 0;
    });
  }
}
