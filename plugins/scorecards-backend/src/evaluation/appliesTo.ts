import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ScorecardFilter } from '@internal/plugin-scorecards-common';

/** A reference as a full entity ref, or undefined when it is not one. */
function fullRef(
  ref: unknown,
  defaultKind: string,
  defaultNamespace = 'default',
): string | undefined {
  if (typeof ref !== 'string' || !ref) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}

/** The entity's owner as a full entity ref, if it has one. */
export function ownerRef(entity: Entity): string | undefined {
  return fullRef(entity.spec?.owner, 'group', entity.metadata.namespace);
}

/** The entity's system as a full entity ref, if it has one. */
export function systemRef(entity: Entity): string | undefined {
  return fullRef(entity.spec?.system, 'system', entity.metadata.namespace);
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
  const owner = ownerRef(entity);
  return (
    is(filter.kind, entity.kind) &&
    is(filter.type, spec.type) &&
    is(filter.lifecycle, spec.lifecycle) &&
    (!filter.tags || tags.some(t => is(filter.tags, t))) &&
    (!filter.owner ||
      (owner !== undefined &&
        filter.owner.some(o => fullRef(o, 'group') === owner)))
  );
}
