import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_HAS_MEMBER,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityFacts,
  FactDefinition,
  FactProvider,
} from '@internal/plugin-scorecards-node';
import { ownerRef, systemRef } from '../evaluation/appliesTo';

const BATCH = 500;

const facts: Record<string, FactDefinition> = {
  kind: { type: 'string', description: 'The entity kind' },
  type: { type: 'string', description: "spec.type, or '' when unset" },
  hasTitle: { type: 'boolean', description: 'metadata.title is set' },
  hasDescription: {
    type: 'boolean',
    description: 'metadata.description is set',
  },
  descriptionLength: {
    type: 'number',
    description: 'Characters in metadata.description',
  },
  hasOwner: { type: 'boolean', description: 'spec.owner is set' },
  ownerExists: {
    type: 'boolean',
    description: 'spec.owner names an entity in the catalog',
  },
  ownerIsGroup: {
    type: 'boolean',
    description: 'spec.owner names a Group in the catalog',
  },
  ownerHasMembers: {
    type: 'boolean',
    description: 'The owner is a Group with at least one member',
  },
  lifecycle: {
    type: 'string',
    description: "spec.lifecycle, or '' when unset",
  },
  hasSystem: { type: 'boolean', description: 'spec.system is set' },
  systemExists: {
    type: 'boolean',
    description: 'spec.system names a System in the catalog',
  },
  tags: { type: 'array', description: 'metadata.tags' },
  tagCount: { type: 'number', description: 'Number of tags' },
  linkCount: { type: 'number', description: 'Number of metadata.links' },
  hasRunbook: {
    type: 'boolean',
    description:
      "A link of type 'runbook', or titled or addressed as a runbook",
  },
  hasOnCall: {
    type: 'boolean',
    description: "A link of type 'on-call', or titled as on-call",
  },
  hasDashboard: { type: 'boolean', description: "A link of type 'dashboard'" },
  hasTechdocs: {
    type: 'boolean',
    description: 'The backstage.io/techdocs-ref annotation is set',
  },
  hasSourceLocation: {
    type: 'boolean',
    description:
      'The entity says where its source is (source-location, or a url: location)',
  },
  providedApiCount: { type: 'number', description: 'APIs the entity provides' },
  relationsResolve: {
    type: 'boolean',
    description: 'Every relation points at an entity that exists',
  },
  unresolvedRelations: {
    type: 'array',
    description: 'Targets of relations that do not exist',
  },
};

type Target = { kind: string; relations: Array<{ type: string }> } | null;

/**
 * Facts read from the catalog: the entity itself, plus whether its owner,
 * system and relation targets exist (fetched for a whole batch at once).
 */
export class CatalogFactProvider implements FactProvider {
  readonly id = 'catalog';
  readonly facts = facts;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async getFacts(entities: Entity[]): Promise<Map<string, EntityFacts>> {
    const targets = await this.resolve(entities);
    const result = new Map<string, EntityFacts>();
    for (const entity of entities) {
      result.set(stringifyEntityRef(entity), this.factsOf(entity, targets));
    }
    return result;
  }

  private factsOf(entity: Entity, targets: Map<string, Target>): EntityFacts {
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    const annotations = entity.metadata.annotations ?? {};
    const links = entity.metadata.links ?? [];
    const description = entity.metadata.description?.trim() ?? '';
    const owner = ownerRef(entity);
    const ownerEntity = owner ? targets.get(owner) : null;
    const system = systemRef(entity);
    const systemEntity = system ? targets.get(system) : null;
    const unresolved = [
      ...new Set(
        (entity.relations ?? [])
          .map(r => r.targetRef)
          .filter(ref => !targets.get(ref)),
      ),
    ].sort();
    const linkIs = (type: string, word: RegExp) =>
      links.some(
        l =>
          l.type?.toLowerCase() === type ||
          word.test(l.title ?? '') ||
          word.test(l.url),
      );
    const location = annotations['backstage.io/managed-by-location'] ?? '';

    return {
      kind: entity.kind,
      type: typeof spec.type === 'string' ? spec.type : '',
      hasTitle: Boolean(entity.metadata.title?.trim()),
      hasDescription: description.length > 0,
      descriptionLength: description.length,
      hasOwner: Boolean(owner),
      ownerExists: Boolean(ownerEntity),
      ownerIsGroup: ownerEntity?.kind.toLowerCase() === 'group',
      ownerHasMembers:
        ownerEntity?.kind.toLowerCase() === 'group' &&
        ownerEntity.relations.some(r => r.type === RELATION_HAS_MEMBER),
      lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : '',
      hasSystem: Boolean(system),
      systemExists: systemEntity?.kind.toLowerCase() === 'system',
      tags: entity.metadata.tags ?? [],
      tagCount: entity.metadata.tags?.length ?? 0,
      linkCount: links.length,
      hasRunbook: linkIs('runbook', /runbook/i),
      hasOnCall: linkIs('on-call', /on-?call/i),
      hasDashboard: links.some(l => l.type?.toLowerCase() === 'dashboard'),
      hasTechdocs: Boolean(annotations['backstage.io/techdocs-ref']),
      hasSourceLocation:
        Boolean(annotations['backstage.io/source-location']) ||
        location.startsWith('url:'),
      providedApiCount: (entity.relations ?? []).filter(
        r => r.type === RELATION_PROVIDES_API,
      ).length,
      relationsResolve: unresolved.length === 0,
      unresolvedRelations: unresolved,
    };
  }

  /** Every owner, system and relation target of the batch, or null where missing. */
  private async resolve(entities: Entity[]): Promise<Map<string, Target>> {
    const refs = new Set<string>();
    for (const entity of entities) {
      const owner = ownerRef(entity);
      const system = systemRef(entity);
      if (owner) refs.add(owner);
      if (system) refs.add(system);
      for (const r of entity.relations ?? []) refs.add(r.targetRef);
    }
    const credentials = await this.auth.getOwnServiceCredentials();
    const all = [...refs];
    const targets = new Map<string, Target>();
    for (let i = 0; i < all.length; i += BATCH) {
      const chunk = all.slice(i, i + BATCH);
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: chunk,
          fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
        },
        { credentials },
      );
      chunk.forEach((ref, j) => {
        const found = items[j];
        targets.set(
          ref,
          found ? { kind: found.kind, relations: found.relations ?? [] } : null,
        );
      });
    }
    return targets;
  }
}
