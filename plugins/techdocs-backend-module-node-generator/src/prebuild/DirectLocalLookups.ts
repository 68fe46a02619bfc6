import fs from 'node:fs/promises';
import path from 'node:path';
import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { ForwardedError } from '@backstage/errors';
import {
  PublisherBase,
  TechDocsMetadata,
} from '@backstage/plugin-techdocs-node';
import { isSiteRef } from './siteRef';

/**
 * TechDocs' publisher, with its two per-entity lookups made direct when it
 * is the local one: whether a site has an `index.html`, and its metadata.
 *
 * The local publisher resolves each of the four parts of a site's path with
 * `resolveSafeChildPath`, whose `realpathSync` walks every folder up to the
 * root on the main thread: about 1.5 ms per entity. Scorecards ask the build
 * state of every documented entity they evaluate, so at 10,000 entities that
 * was Greenroom's largest share of the backend's main thread while the
 * catalog ingested. The parts here are a valid entity ref's (no `/`, no
 * `..`), so the file is the one the local publisher reads; one async
 * `realpath` checks that it is inside the folder, as the local publisher's
 * checks do (a symlink out of it), and anything else goes to the publisher.
 * The folder and the casing are read from the same config as
 * `LocalPublish.fromConfig`.
 */
export class DirectLocalLookups implements PublisherBase {
  /**
   * The publisher, wrapped when it is the local one (`techdocs.publisher.type`
   * unset or `local`) with `techdocs.publisher.local.publishDirectory` set, as
   * Greenroom's config does; otherwise the publisher itself.
   */
  static wrap(publisher: PublisherBase, config: Config): PublisherBase {
    const type = config.getOptionalString('techdocs.publisher.type') ?? 'local';
    const directory = config.getOptionalString(
      'techdocs.publisher.local.publishDirectory',
    );
    if (type !== 'local' || !directory) return publisher;
    return new DirectLocalLookups(
      publisher,
      directory,
      config.getOptionalBoolean(
        'techdocs.legacyUseCaseSensitiveTripletPaths',
      ) ?? false,
    );
  }

  private realDirectory: Promise<string> | undefined;

  private constructor(
    private readonly publisher: PublisherBase,
    private readonly directory: string,
    private readonly legacyPathCasing: boolean,
  ) {}

  getReadiness() {
    return this.publisher.getReadiness();
  }

  publish(request: Parameters<PublisherBase['publish']>[0]) {
    return this.publisher.publish(request);
  }

  docsRouter() {
    return this.publisher.docsRouter();
  }

  migrateDocsCase(
    request: Parameters<NonNullable<PublisherBase['migrateDocsCase']>>[0],
  ) {
    if (!this.publisher.migrateDocsCase) return Promise.resolve();
    return this.publisher.migrateDocsCase(request);
  }

  async hasDocsBeenGenerated(entity: Entity): Promise<boolean> {
    const file = this.siteFile(
      {
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      },
      'index.html',
    );
    if (!file) return this.publisher.hasDocsBeenGenerated(entity);
    const inside = await this.isInside(file);
    if (inside === 'missing') return false;
    if (!inside) return this.publisher.hasDocsBeenGenerated(entity);
    return true;
  }

  async fetchTechDocsMetadata(
    entityName: CompoundEntityRef,
  ): Promise<TechDocsMetadata> {
    const file = this.siteFile(entityName, 'techdocs_metadata.json');
    if (!file || (await this.isInside(file)) === false) {
      return this.publisher.fetchTechDocsMetadata(entityName);
    }
    try {
      // as fs-extra's readJson, which the local publisher uses
      const text = await fs.readFile(file, 'utf8');
      return JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new ForwardedError(
        `Unable to read techdocs_metadata.json at ${file}`,
        e,
      );
    }
  }

  /** The site's file, or undefined when a part is not a valid ref's. */
  private siteFile(ref: CompoundEntityRef, file: string): string | undefined {
    if (!isSiteRef(ref)) return undefined;
    const parts = [ref.namespace, ref.kind, ref.name].map(part =>
      this.legacyPathCasing ? part : part.toLowerCase(),
    );
    return path.resolve(this.directory, ...parts, file);
  }

  /**
   * Whether the file, its links resolved, is inside the publish folder with
   * its links resolved; `missing` when there is no such file.
   */
  private async isInside(file: string): Promise<boolean | 'missing'> {
    let real: string;
    try {
      real = await fs.realpath(file);
    } catch {
      return 'missing';
    }
    this.realDirectory ??= fs.realpath(this.directory);
    const directory = await this.realDirectory.catch(() => {
      this.realDirectory = undefined; // not there yet: look again next time
      return undefined;
    });
    return directory !== undefined && real.startsWith(directory + path.sep);
  }
}
