import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ForwardedError, ResponseError } from '@backstage/errors';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';
import { readEventStream } from './eventStream';
import { parseMetadata } from './parseMetadata';
import { BuildState, DefaultApiClient } from './schema/openapi';
import {
  TechDocsEntity,
  TechDocsSiteMetadata,
  TechDocsSyncOutcome,
} from './types';

/** Refs per build-states request: the route takes at most 1000. */
const BUILD_STATES_PER_REQUEST = 1000;

/**
 * A backend's client of the TechDocs backend, calling it with the calling
 * plugin's own service credentials.
 *
 * @public
 */
export class TechDocsClient {
  /** A client that finds TechDocs through `discovery` and authenticates with `auth`. */
  static create(options: {
    auth: AuthService;
    discovery: DiscoveryService;
  }): TechDocsClient {
    return new TechDocsClient(options.auth, options.discovery);
  }

  private constructor(
    private readonly auth: AuthService,
    private readonly discovery: DiscoveryService,
  ) {}

  /**
   * The published site's metadata, or `undefined` when the entity has no
   * published site (or TechDocs does not know the entity).
   *
   * @throws an error naming the entity and TechDocs' status when TechDocs
   * fails, and one naming the field when the metadata is malformed.
   */
  async getMetadata(
    entity: TechDocsEntity,
    options?: { signal?: AbortSignal; credentials?: BackstageCredentials },
  ): Promise<TechDocsSiteMetadata | undefined> {
    const ref = toCompoundRef(entity);
    const text = await this.readText(
      `/metadata/techdocs/${entityPath(ref)}`,
      `the metadata of ${stringifyEntityRef(ref)}`,
      options,
    );
    return text === undefined
      ? undefined
      : parseMetadata(text, stringifyEntityRef(ref));
  }

  /**
   * One published file of the entity's site, e.g. `runbook/index.html`, as
   * text; `undefined` when the site has no such file (or TechDocs does not
   * know the entity, or `credentials` may not read it).
   *
   * @throws an error naming the entity, the file and TechDocs' status when
   * TechDocs fails.
   */
  async getFile(
    entity: TechDocsEntity,
    file: string,
    options?: { credentials?: BackstageCredentials },
  ): Promise<string | undefined> {
    const ref = toCompoundRef(entity);
    return this.readText(
      `/static/docs/${entityPath(ref)}/${file
        .split('/')
        .map(encodeURIComponent)
        .join('/')}`,
      `${file} of the docs of ${stringifyEntityRef(ref)}`,
      options,
    );
  }

  /**
   * Asks TechDocs to build the entity's site if it is out of date (what the
   * reader does when someone opens the docs), and waits for the outcome.
   *
   * A failed build is an outcome, not an exception.
   *
   * @throws an error naming the entity when TechDocs refuses the request
   * (with its status), ends the stream without an outcome, or does not finish
   * within `timeout`; an `AbortError` when `signal` aborts.
   */
  async sync(
    entity: TechDocsEntity,
    options?: {
      signal?: AbortSignal;
      timeout?: HumanDuration;
      /** Whose request it is (TechDocs checks they may read the entity); this plugin's own by default. */
      credentials?: BackstageCredentials;
    },
  ): Promise<TechDocsSyncOutcome> {
    const compoundRef = toCompoundRef(entity);
    const ref = stringifyEntityRef(compoundRef);
    const timeoutMs = options?.timeout
      ? durationToMilliseconds(options.timeout)
      : undefined;
    const timeout =
      timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
    const signals = [options?.signal, timeout].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    try {
      const res = await this.request(
        `/sync/${entityPath(compoundRef)}`,
        {
          headers: { Accept: 'text/event-stream' },
          signal: signals.length ? AbortSignal.any(signals) : undefined,
        },
        options?.credentials,
      );
      if (!res.ok) {
        throw new ForwardedError(
          `TechDocs refused to build the docs of ${ref}`,
          await ResponseError.fromResponse(res),
        );
      }
      // TechDocs ends the stream after the outcome, so the first one is the last event.
      for await (const { event, data } of readEventStream(res.body ?? [])) {
        if (event === 'finish')
          return { type: 'finish', updated: updated(data, ref) };
        if (event === 'error') return { type: 'error', message: message(data) };
      }
      throw new Error(
        `TechDocs ended the build of the docs of ${ref} without a finish or error event`,
      );
    } catch (e) {
      if (timeout?.aborted && !options?.signal?.aborted) {
        throw new ForwardedError(
          `TechDocs did not finish building the docs of ${ref} within ${
            timeoutMs! / 1000
          } s`,
          e,
        );
      }
      throw e;
    }
  }

  /**
   * The docs build state of each entity, in the order given, in one request
   * per 1000 entities: whether a site is published (its pages and build
   * time) and whether the last build of the entity's current source failed,
   * with the reason. Served by the Node generator module's
   * `POST /node-generator/build-states`.
   *
   * @throws an error naming TechDocs' status when it refuses or fails.
   */
  async getBuildStates(
    entities: TechDocsEntity[],
    options?: { signal?: AbortSignal },
  ): Promise<BuildState[]> {
    const refs = entities.map(e => stringifyEntityRef(toCompoundRef(e)));
    const states: BuildState[] = [];
    for (let i = 0; i < refs.length; i += BUILD_STATES_PER_REQUEST) {
      const entityRefs = refs.slice(i, i + BUILD_STATES_PER_REQUEST);
      const api = new DefaultApiClient({
        discoveryApi: this.discovery,
        fetchApi: {
          fetch: (input, init) =>
            fetch(input, { ...init, signal: options?.signal }),
        },
      });
      const res = await api.getBuildStates(
        { body: { entityRefs } },
        { token: await this.token() },
      );
      if (!res.ok) {
        throw new ForwardedError(
          `TechDocs could not give the docs build states of ${
            entityRefs.length
          } entities (${entityRefs[0]}${entityRefs.length > 1 ? ', …' : ''})`,
          await ResponseError.fromResponse(res),
        );
      }
      const { items } = await res.json();
      if (!Array.isArray(items) || items.length !== entityRefs.length) {
        throw new Error(
          `TechDocs gave ${
            Array.isArray(items) ? items.length : 'no list of'
          } docs build states for ${entityRefs.length} entities`,
        );
      }
      states.push(...items);
    }
    return states;
  }

  /**
   * The text TechDocs answers at `path`; `undefined` on a 404. Any other
   * failure throws "TechDocs could not give <what>" with TechDocs' status.
   */
  private async readText(
    path: string,
    what: string,
    options?: { signal?: AbortSignal; credentials?: BackstageCredentials },
  ): Promise<string | undefined> {
    const res = await this.request(
      path,
      { signal: options?.signal },
      options?.credentials,
    );
    if (res.status === 404) {
      await res.body?.cancel();
      return undefined;
    }
    if (!res.ok) {
      throw new ForwardedError(
        `TechDocs could not give ${what}`,
        await ResponseError.fromResponse(res),
      );
    }
    return res.text();
  }

  /** A token for TechDocs on behalf of `credentials`, by default this plugin's own. */
  private async token(credentials?: BackstageCredentials): Promise<string> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials ?? (await this.auth.getOwnServiceCredentials()),
      targetPluginId: 'techdocs',
    });
    return token;
  }

  private async request(
    path: string,
    init: RequestInit,
    credentials?: BackstageCredentials,
  ): Promise<Response> {
    const token = await this.token(credentials);
    const baseUrl = await this.discovery.getBaseUrl('techdocs');
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${token}` },
    });
  }
}

function toCompoundRef(entity: TechDocsEntity): CompoundEntityRef {
  if (typeof entity === 'string') return parseEntityRef(entity);
  if ('metadata' in entity) return getCompoundEntityRef(entity);
  return entity;
}

/**
 * The `:namespace/:kind/:name` of TechDocs' routes, each part URL-encoded. Not
 * lowercased: TechDocs looks the entity up in the catalog, which ignores case,
 * and its publisher applies its own casing rule
 * (`techdocs.legacyUseCaseSensitiveTripletPaths`) to the storage path.
 */
function entityPath({ namespace, kind, name }: CompoundEntityRef): string {
  return [namespace, kind, name].map(encodeURIComponent).join('/');
}

/** The `updated` of a `finish` event's data, `{"updated":true}`. */
function updated(data: string, ref: string): boolean {
  try {
    const value = JSON.parse(data);
    if (typeof value?.updated === 'boolean') return value.updated;
  } catch {
    // reported below
  }
  throw new Error(
    `TechDocs finished the build of the docs of ${ref} with ${data}, not {"updated": true|false}`,
  );
}

/** An `error` event's data is the message as a JSON string. */
function message(data: string): string {
  try {
    const value = JSON.parse(data);
    if (typeof value === 'string') return value;
  } catch {
    // not JSON: the data is the message
  }
  return data;
}
