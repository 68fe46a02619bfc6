import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';

/** What the graph page asks to show. */
export type GraphRequest = {
  rootEntityRefs: string[];
  /** relations away from the roots the page shows (Infinity for all) */
  maxDepth: number;
  /** lower-case kinds the walk follows; all when undefined */
  kinds?: string[];
  /** relation types the walk follows; the graph API's defaults when undefined */
  relations?: string[];
  /** the most entities the graph shows */
  nodeLimit: number;
};

/** The entities the graph shows, and what kept it from showing more. */
export type GraphBounds = {
  /** refs of the entities to show: the nearest first, at most `nodeLimit` */
  shown: Set<string>;
  /**
   * `nodes`: more entities within `maxDepth` than `nodeLimit`; `depth`: more
   * entities further than `maxDepth`; undefined: the whole graph is shown.
   */
  limitedBy?: 'nodes' | 'depth';
  /** how many related entities the walk found before it stopped (at least `shown.size`) */
  found: number;
};

/**
 * Walks the catalog from the roots breadth-first, the way the stock graph
 * page does (the same relations and kinds), one level per request, and stops
 * at `maxDepth` or once `nodeLimit` entities are found, so that what the page
 * fetches and lays out is bounded by the limit, not by the catalog.
 */
export function useGraphBounds(request: GraphRequest) {
  const catalogApi = useApi(catalogApiRef);
  const { defaultRelations } = useApi(catalogGraphApiRef);
  const { rootEntityRefs, maxDepth, kinds, nodeLimit } = request;
  const relations = request.relations ?? defaultRelations;
  // one walk per distinct request, whatever the arrays' identities
  const key = JSON.stringify([rootEntityRefs, maxDepth, kinds, relations]);

  const walk = useAsync(async (): Promise<GraphBounds> => {
    // how many of these refs are entities (a relation may name a missing one)
    const countExisting = async (refs: string[]) => {
      if (refs.length === 0) {
        return 0;
      }
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: refs,
        fields: ['kind'],
      });
      return items.filter(Boolean).length;
    };

    const shown = new Set<string>();
    const seen = new Set(rootEntityRefs);
    let level = rootEntityRefs;
    for (let depth = 0; level.length > 0; depth++) {
      // fill the free places with entities of this level, the first
      // first; a relation may name an entity that does not exist
      const entities: Entity[] = [];
      let taken = 0;
      while (taken < level.length && shown.size < nodeLimit) {
        const refs = level.slice(taken, taken + nodeLimit - shown.size);
        taken += refs.length;
        const { items } = await catalogApi.getEntitiesByRefs({
          entityRefs: refs,
          fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
        });
        for (const entity of items) {
          if (entity) {
            entities.push(entity);
            shown.add(stringifyEntityRef(entity));
          }
        }
      }
      if (taken < level.length) {
        const more = await countExisting(level.slice(taken));
        if (more > 0) {
          return { shown, limitedBy: 'nodes', found: shown.size + more };
        }
      }
      const next = entities
        .flatMap(entity => entity.relations ?? [])
        .filter(
          relation =>
            relations.includes(relation.type) &&
            (!kinds ||
              kinds.some(kind => relation.targetRef.startsWith(`${kind}:`))) &&
            !seen.has(relation.targetRef),
        )
        .map(relation => relation.targetRef);
      next.forEach(ref => seen.add(ref));
      const unique = [...new Set(next)];
      if (depth >= maxDepth) {
        const more = await countExisting(unique);
        return more > 0
          ? { shown, limitedBy: 'depth', found: shown.size + more }
          : { shown, found: shown.size };
      }
      level = unique;
    }
    return { shown, found: shown.size };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key, nodeLimit]);

  return useMemo(
    () => ({ loading: walk.loading, error: walk.error, bounds: walk.value }),
    [walk.loading, walk.error, walk.value],
  );
}
