import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ForwardedError, toError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  GeneratorBase,
  PreparerBase,
  PreparerBuilder,
  PublisherBase,
  getLocationForEntity,
} from '@backstage/plugin-techdocs-node';
import * as winston from 'winston';
import {
  findMkdocsConfigFile,
  missingMkdocsConfig,
} from '../mkdocs/readMkdocsConfig';

/**
 * How one build ended:
 * - `built`: the site is published;
 * - `failed`: the docs (or the entity's docs annotations) are wrong; building
 *   the same source again would fail again;
 * - `deferred`: the source could not be fetched for a reason that may pass
 *   (network, a 5xx or 429 from the host); worth trying again later.
 */
export type SiteBuildOutcome =
  | { type: 'built'; pageCount: number }
  | { type: 'failed'; reason: string }
  | { type: 'deferred'; reason: string };

/** The publisher failed: its storage is unavailable for every site, not only this one. */
export class PublisherUnavailableError extends ForwardedError {}

/**
 * Builds one entity's site the way TechDocs' own DocsBuilder does (prepare,
 * generate, publish), with the stages of `@backstage/plugin-techdocs-node`
 * created from the same config, but without its HTTP round trip, its catalog
 * lookup and its per-build log lines: the build log goes to the debug log,
 * and the caller reports outcomes in one summary line per pass.
 */
export class SiteBuilder {
  /** A builder with TechDocs' stages; `workingDirectory` as `backend.workingDirectory`. */
  static create(options: {
    preparers: PreparerBuilder;
    generator: GeneratorBase;
    publisher: PublisherBase;
    scmIntegrations: ScmIntegrationRegistry;
    logger: LoggerService;
    workingDirectory?: string;
  }): SiteBuilder {
    return new SiteBuilder(
      options.preparers,
      options.generator,
      options.publisher,
      options.scmIntegrations,
      options.logger,
      options.workingDirectory ?? os.tmpdir(),
    );
  }

  private constructor(
    private readonly preparers: PreparerBuilder,
    private readonly generator: GeneratorBase,
    private readonly publisher: PublisherBase,
    private readonly scmIntegrations: ScmIntegrationRegistry,
    private readonly logger: LoggerService,
    private readonly workingDirectory: string,
  ) {}

  /**
   * Fetches the entity's docs (never reusing a published site: the caller
   * builds only when the source state changed), builds and publishes them.
   *
   * @throws PublisherUnavailableError when publishing fails.
   */
  async build(entity: Entity): Promise<SiteBuildOutcome> {
    const ref = stringifyEntityRef(entity);
    const buildLog = createBuildLog(this.logger, ref);
    let preparer: PreparerBase;
    try {
      preparer = this.preparers.get(entity);
    } catch (e) {
      return { type: 'failed', reason: toError(e).message };
    }

    let preparedDir: string | undefined;
    let outputDir: string | undefined;
    try {
      let etag: string;
      try {
        const prepared = await preparer.prepare(entity, {
          logger: buildLog.service,
        });
        preparedDir = prepared.preparedDir;
        etag = prepared.etag;
      } catch (e) {
        const error = toError(e);
        return isTransient(error)
          ? { type: 'deferred', reason: error.message }
          : { type: 'failed', reason: error.message };
      }
      // Most failing sites are a copied `dir:.` annotation without an
      // mkdocs.yml: they fail here, without a worker or an output folder.
      if (!findMkdocsConfigFile(preparedDir)) {
        const { message } = missingMkdocsConfig();
        buildLog.stream.write(`ERROR ${message}\n`);
        return { type: 'failed', reason: message };
      }

      outputDir = await fs.mkdtemp(
        path.join(
          await fs.realpath(this.workingDirectory),
          'techdocs-prebuild-',
        ),
      );
      try {
        await this.generator.run({
          inputDir: preparedDir,
          outputDir,
          parsedLocationAnnotation: getLocationForEntity(
            entity,
            this.scmIntegrations,
          ),
          etag,
          logger: winstonLogger(buildLog.stream),
          logStream: buildLog.stream,
          siteOptions: { name: entity.metadata.title ?? entity.metadata.name },
        });
      } catch (e) {
        return { type: 'failed', reason: toError(e).message };
      }
      const pageCount = await readPageCount(outputDir);

      try {
        await this.publisher.publish({ entity, directory: outputDir });
      } catch (e) {
        throw new PublisherUnavailableError(
          `The TechDocs publisher could not publish the docs of ${ref}`,
          e,
        );
      }
      return { type: 'built', pageCount };
    } finally {
      if (preparedDir && preparer.shouldCleanPreparedDirectory()) {
        await fs.rm(preparedDir, { recursive: true, force: true });
      }
      if (outputDir) {
        await fs.rm(outputDir, { recursive: true, force: true });
      }
    }
  }
}

/** Pages of a site with these files: its `index.html` files (directory URLs, as MkDocs). */
export function countPages(files: string[] | undefined): number {
  return (files ?? []).filter(
    f => f === 'index.html' || f.endsWith('/index.html'),
  ).length;
}

/** Pages of a generated site, from the file list of its `techdocs_metadata.json`. */
async function readPageCount(siteDir: string): Promise<number> {
  try {
    const metadata = JSON.parse(
      await fs.readFile(path.join(siteDir, 'techdocs_metadata.json'), 'utf8'),
    );
    return Array.isArray(metadata.files)
      ? countPages(metadata.files.map(String))
      : 0;
  } catch {
    return 0;
  }
}

/** Error codes of a connection that failed or was cut: the host may answer later. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * The error, or one of its causes, is a failed connection, a timeout, or an
 * answer of 429 or 5xx: the source may be reachable later. (A 404, a 401 or
 * a malformed annotation are not: they stay until the entity changes.)
 */
export function isTransient(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (TRANSIENT_CODES.has(e.code)) return true;
    if (e.name === 'AbortError' || e.name === 'TimeoutError') return true;
    const status = e.response?.status ?? e.statusCode ?? e.status;
    if (typeof status === 'number' && (status === 429 || status >= 500)) {
      return true;
    }
    // The URL readers put the status in the message: "... 503 Service Unavailable".
    if (
      typeof e.message === 'string' &&
      /\b(429 Too Many Requests|50[0-4] [A-Z][A-Za-z ]+)\b/.test(e.message)
    ) {
      return true;
    }
  }
  return false;
}

/** The build log of one site, written to the debug log line by line. */
function createBuildLog(logger: LoggerService, ref: string) {
  let rest = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim()) logger.debug(`Docs build of ${ref}: ${line}`);
      }
      done();
    },
  });
  return { stream, service: demoted(logger) };
}

/**
 * A winston logger writing to the build log, as generators take it: made
 * only for a build that runs one.
 */
function winstonLogger(stream: Writable): winston.Logger {
  return winston.createLogger({
    level: 'info',
    format: winston.format.simple(),
    transports: [new winston.transports.Stream({ stream })],
  });
}

/**
 * The logger with `info` turned into `debug`: TechDocs' stages log a line or
 * two at info for every site they prepare or publish.
 */
export function demoted(logger: LoggerService): LoggerService {
  return {
    error: (message, meta) => logger.error(message, meta),
    warn: (message, meta) => logger.warn(message, meta),
    info: (message, meta) => logger.debug(message, meta),
    debug: (message, meta) => logger.debug(message, meta),
    child: meta => demoted(logger.child(meta)),
  };
}
