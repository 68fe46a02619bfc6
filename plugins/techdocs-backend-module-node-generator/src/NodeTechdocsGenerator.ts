import type { Config } from '@backstage/config';
import type {
  GeneratorBase,
  GeneratorRunOptions,
} from '@backstage/plugin-techdocs-node';
import { DocsBuildError } from './DocsBuildError';
import { BuildWorkerPool } from './worker/BuildWorkerPool';
import { withStagedOutput } from './worker/stagedOutput';
import {
  BuildLimits,
  DEFAULT_BUILD_LIMITS,
  readBuildLimits,
} from './worker/limits';

/** Options of {@link NodeTechdocsGenerator}. */
export type NodeTechdocsGeneratorOptions = {
  /** Environment variables mkdocs.yml may read with !ENV. */
  envAllowlist?: string[];
  /** What one build may use; each limit left out has its default. */
  limits?: Partial<BuildLimits>;
};

export type { BuildLimits };

/**
 * Builds a TechDocs site from a docs-as-code folder with Node: the mkdocs.yml
 * and Markdown MkDocs reads, the HTML MkDocs' Material theme writes, plus
 * techdocs_metadata.json and search/search_index.json. No Python, no Docker,
 * and nothing from the docs repository is executed.
 *
 * Each build runs in a worker process, off the backend's event loop, within
 * the limits of `techdocs.nodeGenerator.limits`: one repository cannot block
 * the backend or fill its memory or disk.
 */
export class NodeTechdocsGenerator implements GeneratorBase {
  private readonly envAllowlist: string[];
  private readonly limits: BuildLimits;
  private readonly workers: BuildWorkerPool;

  /** A generator configured by `techdocs.nodeGenerator` (envAllowlist, limits). */
  static fromConfig(config: Config): NodeTechdocsGenerator {
    const settings = config.getOptionalConfig('techdocs.nodeGenerator');
    return new NodeTechdocsGenerator({
      envAllowlist: settings?.getOptionalStringArray('envAllowlist'),
      limits: readBuildLimits(settings?.getOptionalConfig('limits')),
    });
  }

  constructor(options: NodeTechdocsGeneratorOptions = {}) {
    this.envAllowlist = options.envAllowlist ?? [];
    this.limits = {
      ...DEFAULT_BUILD_LIMITS,
      ...withoutUndefined(options.limits ?? {}),
    };
    this.workers = BuildWorkerPool.create(this.limits);
  }

  async run(options: GeneratorRunOptions): Promise<void> {
    const log = (line: string) => options.logStream?.write(`${line}\n`);
    const env: Record<string, string> = {};
    for (const name of this.envAllowlist) {
      const value = process.env[name];
      if (value !== undefined) env[name] = value;
    }
    const { maxPageBytes, maxSiteBytes, maxPages, maxOutputBytes } =
      this.limits;
    try {
      await withStagedOutput(options.outputDir, outputDir =>
        this.workers.build(
          {
            inputDir: options.inputDir,
            outputDir,
            parsedLocationAnnotation: options.parsedLocationAnnotation && {
              type: options.parsedLocationAnnotation.type,
              target: options.parsedLocationAnnotation.target,
            },
            etag: options.etag,
            envAllowlist: this.envAllowlist,
            env,
            limits: { maxPageBytes, maxSiteBytes, maxPages, maxOutputBytes },
          },
          log,
        ),
      );
    } catch (error) {
      if (error instanceof DocsBuildError) {
        log(`ERROR ${error.message}`);
        options.logger.error(`TechDocs build failed: ${error.message}`);
      }
      throw error;
    }
  }

  /** Stops the generator's idle build workers (they also stop after 30 s idle). */
  async close(): Promise<void> {
    await this.workers.close();
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
