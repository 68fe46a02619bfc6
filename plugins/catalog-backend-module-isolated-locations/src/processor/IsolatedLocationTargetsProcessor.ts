import path from 'node:path';
import { Entity, isLocationEntity } from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  locationSpecToLocationEntity,
  processingResult,
} from '@backstage/plugin-catalog-node';

/**
 * Gives every target of a multi-target Location entity a Location of its own.
 *
 * The catalog reads all targets of a Location entity in one processing run,
 * and any error in that run (one file with a YAML error, a disallowed kind,
 * ...) holds back the entities of every other target. Emitting one child
 * Location per target makes each file succeed or fail on its own; the errors
 * are still reported, against the file that has them.
 */
export class IsolatedLocationTargetsProcessor implements CatalogProcessor {
  constructor(private readonly integrations: ScmIntegrationRegistry) {}

  getProcessorName() {
    return 'IsolatedLocationTargetsProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isLocationEntity(entity) || !entity.spec.targets?.length) {
      return entity;
    }
    const type = entity.spec.type ?? location.type;
    for (const target of entity.spec.targets) {
      const child: LocationSpec = {
        type,
        target: this.toAbsolute(type, location, target),
        presence: entity.spec.presence,
      };
      // Emitted as an entity at the target itself, so that every error found
      // while reading the file is reported at the file's own location.
      emit(
        processingResult.entity(
          child,
          locationSpecToLocationEntity({
            location: child,
            parentEntity: entity,
          }),
        ),
      );
    }
    // The catalog reads spec.targets inline; the children read them instead.
    const { targets: _read, ...spec } = entity.spec;
    return { ...entity, spec };
  }

  private toAbsolute(type: string, base: LocationSpec, target: string) {
    if (type === 'file') {
      return path.resolve(path.dirname(base.target), target);
    }
    return this.integrations.resolveUrl({ url: target, base: base.target });
  }
}
