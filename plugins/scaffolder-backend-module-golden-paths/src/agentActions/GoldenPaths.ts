import {
  BackstageCredentials,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { templateFiles } from './templateFiles';

/** A template an agent can run, with the values it asks for. */
export interface GoldenPath {
  templateRef: string;
  title: string;
  description?: string;
  tags: string[];
  /** The template's pages of parameters: JSON schemas, without the form's `ui:` hints. */
  parameters: Array<{
    title: string;
    description?: string;
    schema: JsonObject;
  }>;
}

/** Where a run of a template stands, and what it made once it has ended. */
export interface GoldenPathRun {
  taskId: string;
  status: 'open' | 'processing' | 'completed' | 'failed' | 'cancelled';
  /** The component it created, as an entity ref. */
  component?: string;
  /** The repository it created: a clone URL or a path. */
  repository?: string;
  /** The component's docs. */
  docs?: string;
  /** The template's links, with absolute URLs. */
  links: Array<{ title?: string; url?: string; entityRef?: string }>;
  /** Why it failed. */
  error?: string;
}

/** What a dry run would do: its steps, the files it would write, its log and output. */
export interface GoldenPathDryRun {
  steps: Array<{ id: string; name: string; action: string }>;
  files: Array<{ path: string; bytes: number }>;
  log: string[];
  output: JsonObject;
}

const ENDED = ['completed', 'failed', 'cancelled'];
const POLL_MS = 1_000;

/**
 * The golden paths as an agent uses them: list the templates the caller may
 * run with their parameters, dry-run one (nothing is created: the scaffolder
 * skips every step whose action does not support dry runs, as all of
 * Greenroom's publishing and registering ones), run one and follow the run.
 * Every call is made with the caller's credentials.
 */
export class GoldenPaths {
  private constructor(
    private readonly deps: {
      catalog: CatalogService;
      scaffolder: ScaffolderService;
      urlReader: UrlReaderService;
      appBaseUrl: string;
      pollMs: number;
    },
  ) {}

  static create(options: {
    catalog: CatalogService;
    scaffolder: ScaffolderService;
    urlReader: UrlReaderService;
    config: Config;
    pollMs?: number;
  }): GoldenPaths {
    return new GoldenPaths({
      ...options,
      appBaseUrl: options.config.getString('app.baseUrl'),
      pollMs: options.pollMs ?? POLL_MS,
    });
  }

  /** The templates the caller may read, or the one named. */
  async list(
    query: { templateRef?: string },
    credentials: BackstageCredentials,
  ): Promise<GoldenPath[]> {
    const templates = query.templateRef
      ? [await this.template(query.templateRef, credentials)]
      : (
          await this.deps.catalog.getEntities(
            {
              filter: { kind: 'template' },
              order: { field: 'metadata.name', order: 'asc' },
            },
            { credentials },
          )
        ).items;
    return Promise.all(
      templates.map(async template => {
        const templateRef = stringifyEntityRef(template);
        const schema = await this.deps.scaffolder.getTemplateParameterSchema(
          { templateRef },
          { credentials },
        );
        return {
          templateRef,
          title: template.metadata.title ?? template.metadata.name,
          ...(template.metadata.description && {
            description: template.metadata.description,
          }),
          tags: template.metadata.tags ?? [],
          parameters: schema.steps.map(step => ({
            title: step.title,
            ...(step.description && { description: step.description }),
            schema: withoutUiHints(step.schema) as JsonObject,
          })),
        };
      }),
    );
  }

  /**
   * Runs a template's steps that support dry runs, creating nothing, as the
   * caller: it needs `scaffolder.template.dry-run` (admins and platform
   * engineers; members do not hold it). The template and its files are the
   * catalog's.
   */
  async dryRun(
    request: { templateRef: string; values: JsonObject },
    credentials: BackstageCredentials,
  ): Promise<GoldenPathDryRun> {
    const template = await this.template(request.templateRef, credentials);
    const result = await this.deps.scaffolder.dryRun(
      {
        template: template as TemplateEntityV1beta3,
        values: request.values,
        secrets: {},
        directoryContents: await templateFiles(template, this.deps.urlReader),
      },
      { credentials },
    );
    return {
      steps: result.steps.map(({ id, name, action }) => ({ id, name, action })),
      files: result.directoryContents.map(f => ({
        path: f.path,
        bytes: Buffer.from(f.base64Content, 'base64').length,
      })),
      log: result.log
        .map(l => l.body.message)
        .filter((m): m is string => typeof m === 'string'),
      output: (result.output ?? {}) as JsonObject,
    };
  }

  /** Starts a template, and waits up to `waitSeconds` for the run to end. */
  async start(
    request: { templateRef: string; values: JsonObject; waitSeconds: number },
    credentials: BackstageCredentials,
  ): Promise<GoldenPathRun> {
    const template = await this.template(request.templateRef, credentials);
    const { taskId } = await this.deps.scaffolder.scaffold(
      {
        templateRef: stringifyEntityRef(template),
        values: request.values as Record<string, JsonValue>,
      },
      { credentials },
    );
    return this.follow(
      { taskId, waitSeconds: request.waitSeconds },
      credentials,
    );
  }

  /** A run's status, waiting up to `waitSeconds` for it to end; what it made once it has. */
  async follow(
    request: { taskId: string; waitSeconds: number },
    credentials: BackstageCredentials,
  ): Promise<GoldenPathRun> {
    const { taskId } = request;
    const deadline = Date.now() + request.waitSeconds * 1000;
    let task = await this.deps.scaffolder.getTask({ taskId }, { credentials });
    while (!ENDED.includes(task.status) && Date.now() < deadline) {
      await new Promise(r =>
        setTimeout(r, Math.min(this.deps.pollMs, deadline - Date.now())),
      );
      task = await this.deps.scaffolder.getTask({ taskId }, { credentials });
    }
    const status = task.status as GoldenPathRun['status'];
    if (!ENDED.includes(status)) return { taskId, status, links: [] };

    const events = await this.deps.scaffolder.getLogs(
      { taskId },
      { credentials },
    );
    const completion = events.find(e => e.type === 'completion');
    const output = ((completion?.body as any)?.output ?? {}) as JsonObject;
    const links = ((output.links as JsonValue[] | undefined) ?? [])
      .map(l => l as { title?: string; url?: string; entityRef?: string })
      .filter(l => l.url || l.entityRef)
      .map(l => ({
        ...(l.title && { title: l.title }),
        ...(l.url && { url: this.absolute(l.url) }),
        ...(l.entityRef && { entityRef: l.entityRef }),
      }));
    const text = (key: string) =>
      typeof output[key] === 'string' && output[key] !== ''
        ? (output[key] as string)
        : undefined;
    const failed = status !== 'completed';
    return {
      taskId,
      status,
      ...(text('component') && { component: text('component') }),
      ...(text('repository') && { repository: text('repository') }),
      ...(text('docs') && { docs: this.absolute(text('docs')!) }),
      links,
      ...(failed && { error: failure(completion?.body, status) }),
    };
  }

  /** A template the caller may read; a NotFoundError naming it otherwise. */
  private async template(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const parsed = parseTemplateRef(ref);
    const templateRef = stringifyEntityRef(parsed);
    const template = await this.deps.catalog.getEntityByRef(templateRef, {
      credentials,
    });
    if (!template) throw new NotFoundError(`No template ${templateRef}`);
    return template;
  }

  private absolute(url: string): string {
    return new URL(url, `${this.deps.appBaseUrl.replace(/\/$/, '')}/`).href;
  }
}

/** Why a run failed: the error its completion records (the first failing step's), or its message. */
function failure(body: any, status: string): string {
  if (body?.error?.message) {
    return `${body.error.name ?? 'Error'}: ${body.error.message}`;
  }
  return body?.message ?? `The run ended ${status}`;
}

/** `template:default/x`, `default/x` or `x`; an InputError naming anything else. */
function parseTemplateRef(ref: string): CompoundEntityRef {
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(ref.trim(), {
      defaultKind: 'template',
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new InputError(`'${ref}' is not a template reference: ${e}`);
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'template') {
    throw new InputError(`'${ref}' is a ${parsed.kind}, not a template`);
  }
  return parsed;
}

/** A JSON schema without the keys only the portal's form reads (`ui:widget`, ...). */
function withoutUiHints(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutUiHints);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !key.startsWith('ui:'))
        .map(([key, v]) => [key, withoutUiHints(v as JsonValue)]),
    );
  }
  return value;
}
