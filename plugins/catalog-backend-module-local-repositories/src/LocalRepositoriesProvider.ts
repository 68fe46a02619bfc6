import fs from 'node:fs';
import path from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

const ALLOWED_KINDS = ['component', 'api', 'resource', 'system'];
const TECHDOCS_REF = 'backstage.io/techdocs-ref';

/**
 * Gives the catalog the entities in the catalog-info.yaml of every repository
 * in the local repositories folder, so a repository a template created is
 * ingested within seconds of `refresh()`. Only folders directly under the
 * root are read.
 *
 * It reads the files itself instead of emitting `file` Locations: the catalog
 * accepts those only from its config unless `file` is allowed for every
 * registered location, which would let anyone register files of the backend's
 * host through the import page.
 *
 * What a repository says about where it is, is not taken: the location and
 * source-location annotations are set to the repository's own file, and a
 * `backstage.io/techdocs-ref` that is not a `dir:` inside the repository is
 * dropped, so TechDocs and the scorecards read only the repository itself.
 */
export class LocalRepositoriesProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly root: string,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'local-repositories';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.refresh();
  }

  /** Re-reads the folder and replaces the Locations this provider gave. */
  async refresh(): Promise<void> {
    if (!this.connection) return;
    const repositories = this.listRepositories();
    const entities = repositories.flatMap(name => this.entitiesOf(name));
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.logger.debug(
      `Registered ${entities.length} entities from ${repositories.length} local repositories`,
    );
  }

  private listRepositories(): string[] {
    if (!fs.existsSync(this.root)) return [];
    return fs
      .readdirSync(this.root, { withFileTypes: true })
      .filter(
        d =>
          d.isDirectory() &&
          !d.name.startsWith('.') &&
          fs.existsSync(path.join(this.root, d.name, 'catalog-info.yaml')),
      )
      .map(d => d.name)
      .sort();
  }

  /** The entities of one repository's catalog-info.yaml, annotated with where they came from. */
  private entitiesOf(name: string): Entity[] {
    const file = path.join(this.root, name, 'catalog-info.yaml');
    try {
      if (!fs.lstatSync(file).isFile()) {
        throw new Error('it is not a regular file (links are not followed)');
      }
      return parseAllDocuments(fs.readFileSync(file, 'utf8'))
        .map(doc => {
          if (doc.errors.length > 0) throw doc.errors[0];
          return doc.toJS() as Entity;
        })
        .filter(e => e && typeof e === 'object' && e.kind && e.metadata)
        .filter(e => {
          // Software only: a Location could point the catalog at files
          // outside the folder, a Group or User could rewrite the org.
          const allowed = ALLOWED_KINDS.includes(e.kind.toLowerCase());
          if (!allowed) {
            this.logger.warn(
              `${file}: kind ${e.kind} is not taken from local repositories`,
            );
          }
          return allowed;
        })
        .map(e => ({
          ...e,
          metadata: {
            ...e.metadata,
            annotations: this.annotationsOf(e, name, file),
          },
        }));
    } catch (e) {
      this.logger.warn(`${file} cannot be read: ${e}`);
      return [];
    }
  }

  /**
   * The entity's annotations with every one that says where it is read from
   * pointing into the repository. TechDocs resolves `dir:` refs against the
   * folder of the source location (refusing links out of it), so the docs
   * come from the repository only.
   */
  private annotationsOf(
    entity: Entity,
    name: string,
    file: string,
  ): Record<string, string> {
    const location = `file:${file}`;
    const { [TECHDOCS_REF]: docsRef, ...annotations } =
      entity.metadata.annotations ?? {};
    const dir = path.dirname(file);
    const docsDir =
      docsRef?.startsWith('dir:') && path.resolve(dir, docsRef.slice(4));
    const docsInside =
      docsDir && (docsDir === dir || docsDir.startsWith(dir + path.sep));
    if (docsRef !== undefined && !docsInside) {
      this.logger.warn(
        `${file}: ${TECHDOCS_REF} '${docsRef}' is not taken from local repository '${name}': docs of a local repository are a dir: inside it`,
      );
    }
    return {
      ...annotations,
      ...(docsInside ? { [TECHDOCS_REF]: docsRef } : {}),
      [ANNOTATION_LOCATION]: location,
      [ANNOTATION_ORIGIN_LOCATION]: location,
      // TechDocs and the scorecards take the repository from this one first.
      [ANNOTATION_SOURCE_LOCATION]: location,
    };
  }
}
