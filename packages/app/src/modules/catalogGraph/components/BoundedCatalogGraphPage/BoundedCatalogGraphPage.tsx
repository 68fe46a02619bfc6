import { ComponentProps, useCallback, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { CatalogGraphPage } from '@backstage/plugin-catalog-graph';
import { GraphLimitNotice } from './GraphLimitNotice';
import { useGraphBounds } from './useGraphBounds';

/** The most entities the page shows until the user asks for more. */
export const DEFAULT_NODE_LIMIT = 100;

type InitialState = NonNullable<
  ComponentProps<typeof CatalogGraphPage>['initialState']
>;

/** Props of {@link BoundedCatalogGraphPage}: the stock page's, and a node limit. */
export type BoundedCatalogGraphPageProps = Omit<
  ComponentProps<typeof CatalogGraphPage>,
  'entityFilter'
> & {
  /** the most entities shown at first, and how many more each "Show more" adds */
  nodeLimit?: number;
};

/**
 * The stock catalog graph page, showing at most `nodeLimit` entities, the
 * nearest first. The stock page walks relations to any depth the user picks
 * (infinite when the depth is cleared) and lays out everything it finds; this
 * walks the same relations first, stops at the limit, and hands the stock page
 * the entities to keep through its `entityFilter`. A notice says when the graph
 * is cut, and offers more entities or one level deeper.
 */
export function BoundedCatalogGraphPage(props: BoundedCatalogGraphPageProps) {
  const { nodeLimit: step = DEFAULT_NODE_LIMIT, ...pageProps } = props;
  const location = useLocation();
  const navigate = useNavigate();
  const request = useMemo(
    () => readGraphRequest(location.search, props.initialState ?? {}),
    [location.search, props.initialState],
  );
  const [nodeLimit, setNodeLimit] = useState(step);
  // the stock page reads the URL's depth once, when it mounts
  const [mounts, setMounts] = useState(0);
  const { bounds, error } = useGraphBounds({ ...request, nodeLimit });

  const entityFilter = useCallback(
    (entity: Entity) => !!bounds?.shown.has(stringifyEntityRef(entity)),
    [bounds],
  );
  const goDeeper = useCallback(() => {
    const search = new URLSearchParams(location.search);
    search.set('maxDepth', String(request.maxDepth + 1));
    navigate(`?${search}`, { replace: true });
    setMounts(n => n + 1);
  }, [location.search, navigate, request.maxDepth]);

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!bounds) {
    return <Progress />;
  }
  return (
    <>
      <CatalogGraphPage
        key={mounts}
        {...pageProps}
        entityFilter={entityFilter}
      />
      <GraphLimitNotice
        bounds={bounds}
        maxDepth={request.maxDepth}
        step={step}
        onShowMore={() => setNodeLimit(n => n + step)}
        onGoDeeper={goDeeper}
      />
    </>
  );
}

/**
 * What the stock page shows, from its URL (which it keeps in step with its
 * filters) or else its initial state.
 */
function readGraphRequest(search: string, initialState: InitialState) {
  const query = new URLSearchParams(search);
  const list = (key: string, initial?: string[]) =>
    query.has(`${key}[]`) ? query.getAll(`${key}[]`) : initial;
  const depth = query.get('maxDepth');
  const kinds = list('selectedKinds', initialState.selectedKinds);
  const relations = list('selectedRelations', initialState.selectedRelations);
  return {
    rootEntityRefs: list('rootEntityRefs', initialState.rootEntityRefs) ?? [],
    maxDepth:
      depth === null
        ? initialState.maxDepth ?? Number.POSITIVE_INFINITY
        : parseMaxDepth(depth),
    kinds: kinds?.length ? kinds.map(k => k.toLowerCase()) : undefined,
    relations: relations?.length ? relations : undefined,
  };
}

function parseMaxDepth(value: string) {
  const depth = Number(value);
  return Number.isFinite(depth) && depth > 0 ? depth : Number.POSITIVE_INFINITY;
}
