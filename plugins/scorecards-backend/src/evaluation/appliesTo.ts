import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ScorecardFilter } from '@internal/plugin-scorecards-common';

/** The entity's owner as a full entity ref, if it has one. */
export function ownerRef(entity: Entity): string | undefined {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** The entity's system as a full entity ref, if it has one. */
export function systemRef(entity: Entity): string | undefined {
  const system = (entity.spec as { system?: unknown } | undefined)?.system;
  if (typeof system !== 'string' || !system) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

const lower = (xs?: string[]) => xs?.map(x => x.toLocaleLowerCase('en-US'));

/** Whether a scorecard with this filter applies to the entity. */
export function appliesTo(filter: ScorecardFilter, entity: Entity): boolean {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const is = (allowed: string[] | undefined, value: unknown) =>
    !allowed ||
    (typeof value === 'string' &&
      lower(allowed)!.includes(value.toLocaleLowerCase('en-US')));
  const tags = entity.metadata.tags ?? [];
  return (
    is(filter.kind, entity.kind) &&
    is(filter.type, spec.type) &&
    is(filter.lifecycle, spec.lifecycle) &&
    (!filter.tags ||
      tags.some(t =>
        lower(filter.tags)!.includes(t.toLocaleLowerCase('en-US')),
      )) &&
    (!filter.owner ||
      filter.owner.some(o => {
        const own = ownerRef(entity);
        if (!own) return false;
        try {
          return (
            stringifyEntityRef(
              parseEntityRef(o, {
                defaultKind: 'group',
                defaultNamespace: 'default',
              }),
            ) === own
          );
        } catch {
          return false;
        }
      }))
  );
}
