import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError, ResponseError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TechDocsClient } from '@internal/plugin-techdocs-client-node';
import { pageContent } from './pageContent';

/** A docs page that matched a search. */
export interface DocsSearchResult {
  entityRef: string;
  entityTitle?: string;
  /** The page, relative to the site ('' for its home page). */
  path: string;
  title: string;
  /** Some of its text. */
  snippet: string;
  /** The page in the portal. */
  url: string;
}

/** One docs page's text. */
export interface DocsPage {
  entityRef: string;
  path: string;
  title?: string;
  format: 'markdown' | 'text';
  content: string;
  /** Whether `content` was cut at the characters asked for. */
  truncated: boolean;
  url: string;
}

const ANNOTATION_TECHDOCS_REF = 'backstage.io/techdocs-ref';
const SNIPPET_LENGTH = 300;
const PAGES_NAMED = 30;

/**
 * Searches the TechDocs sites and reads their pages with the caller's
 * credentials: search's index (its techdocs collator), the published sites
 * through TechDocs' own routes, so a caller finds and reads only the docs of
 * entities they may read in the catalog.
 */
export class DocsReader {
  private constructor(
    private readonly deps: {
      auth: AuthService;
      discovery: DiscoveryService;
      catalog: CatalogService;
      techdocs: TechDocsClient;
      appBaseUrl: string;
    },
  ) {}

  static create(options: {
    auth: AuthService;
    discovery: DiscoveryService;
    catalog: CatalogService;
    appBaseUrl: string;
  }): DocsReader {
    return new DocsReader({
      ...options,
      techdocs: TechDocsClient.create(options),
    });
  }

  /** The docs pages matching `query`, best first, across every site or one entity's. */
  async search(
    request: { query: string; entityRef?: string; limit: number },
    credentials: BackstageCredentials,
  ): Promise<DocsSearchResult[]> {
    const params = new URLSearchParams({
      term: request.query,
      'types[0]': 'techdocs',
      pageLimit: String(request.limit),
    });
    if (request.entityRef) {
      const ref = parseRef(request.entityRef);
      params.set('filters[kind]', ref.kind);
      params.set('filters[namespace]', ref.namespace);
      params.set('filters[name]', ref.name);
    }
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'search',
    });
    const res = await fetch(
      `${await this.deps.discovery.getBaseUrl('search')}/query?${params}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (!res.ok) throw await ResponseError.fromResponse(res);
    const body = (await res.json()) as {
      results: Array<{ document: Record<string, any>; highlight?: any }>;
    };
    return body.results
      .slice(0, request.limit)
      .map(({ document, highlight }) => {
        const ref = {
          kind: document.kind,
          namespace: document.namespace,
          name: document.name,
        };
        const path = normalPath(document.path ?? '');
        return {
          entityRef: stringifyEntityRef(ref),
          ...(document.entityTitle && { entityTitle: document.entityTitle }),
          path,
          title: document.title,
          snippet: snippetOf(document.text ?? '', highlight),
          url: this.pageUrl(ref, path),
        };
      });
  }

  /** One page of an entity's docs; a NotFoundError naming what is missing, with the pages there are. */
  async readPage(
    request: {
      entityRef: string;
      path: string;
      format: 'markdown' | 'text';
      maxCharacters: number;
    },
    credentials: BackstageCredentials,
  ): Promise<DocsPage> {
    const ref = parseRef(request.entityRef);
    const entityRef = stringifyEntityRef(ref);
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    if (!entity.metadata.annotations?.[ANNOTATION_TECHDOCS_REF]) {
      throw new NotFoundError(
        `${entityRef} has no TechDocs (no ${ANNOTATION_TECHDOCS_REF} annotation)`,
      );
    }
    const path = normalPath(request.path);
    const html = await this.deps.techdocs.getFile(
      ref,
      path ? `${path}/index.html` : 'index.html',
      { credentials },
    );
    if (html === undefined)
      throw await this.missingPage(ref, path, credentials);
    const { title, content } = pageContent(html, request.format);
    const truncated = content.length > request.maxCharacters;
    return {
      entityRef,
      path,
      ...(title && { title }),
      format: request.format,
      content: truncated ? content.slice(0, request.maxCharacters) : content,
      truncated,
      url: this.pageUrl(ref, path),
    };
  }

  private async missingPage(
    ref: CompoundEntityRef,
    path: string,
    credentials: BackstageCredentials,
  ): Promise<NotFoundError> {
    const entityRef = stringifyEntityRef(ref);
    const metadata = await this.deps.techdocs.getMetadata(ref, { credentials });
    if (!metadata) {
      return new NotFoundError(
        `The docs of ${entityRef} are not built yet: open them in the portal, or try again in a minute`,
      );
    }
    const pages = (metadata.files ?? [])
      .filter(f => f === 'index.html' || f.endsWith('/index.html'))
      .map(f =>
        f === 'index.html'
          ? "'' (the home page)"
          : `'${f.slice(0, -'/index.html'.length)}'`,
      )
      .sort();
    return new NotFoundError(
      `The docs of ${entityRef} have no page '${path}'; its pages: ${
        pages.slice(0, PAGES_NAMED).join(', ') || 'none'
      }${
        pages.length > PAGES_NAMED
          ? `, and ${pages.length - PAGES_NAMED} more`
          : ''
      }`,
    );
  }

  private pageUrl(ref: CompoundEntityRef, path: string): string {
    const site = [ref.namespace, ref.kind, ref.name]
      .map(p => encodeURIComponent(p.toLocaleLowerCase('en-US')))
      .join('/');
    return `${this.deps.appBaseUrl.replace(/\/$/, '')}/docs/${site}/${
      path ? `${path}/` : ''
    }`;
  }
}

/** An entity ref an agent wrote, a bare name meaning a component; an InputError naming it otherwise. */
function parseRef(ref: string): CompoundEntityRef {
  try {
    return parseEntityRef(ref.trim(), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new InputError(`'${ref}' is not an entity reference: ${e}`);
  }
}

/**
 * A page's path within its site, as written by a person, an agent or a
 * search result (`runbook`, `/runbook/`, `runbook.md`, `guide/index.md`,
 * `index`): `runbook`, `guide`, '' for the home page. An InputError for a
 * path that leaves the site.
 */
export function normalPath(path: string): string {
  const parts = path
    .split(/[?#]/)[0]
    .split('/')
    .filter(p => p !== '' && p !== '.');
  if (parts.some(p => p === '..' || p.includes('\\'))) {
    throw new InputError(`The page '${path}' is outside the docs site`);
  }
  const last = parts.length - 1;
  if (last >= 0) parts[last] = parts[last].replace(/\.(md|html)$/, '');
  if (parts[last] === 'index') parts.pop();
  return parts.join('/');
}

/** The highlighted part of a result's text (search's tags made bold), or its start. */
function snippetOf(text: string, highlight?: any): string {
  const fragment: string | undefined = highlight?.fields?.text;
  if (fragment) {
    return fragment
      .split(highlight.preTag)
      .join('**')
      .split(highlight.postTag)
      .join('**')
      .trim();
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_LENGTH
    ? `${flat.slice(0, SNIPPET_LENGTH)}…`
    : flat;
}
