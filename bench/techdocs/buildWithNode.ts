// The generator alone, without the backend module around it, from the
// package's build output (run.ts builds it): its workers are the package's own
// files, as in production.
import type { NodeTechdocsGenerator as Generator } from '@internal/plugin-techdocs-backend-module-node-generator';

const { NodeTechdocsGenerator } =
  // eslint-disable-next-line @backstage/no-relative-monorepo-imports
  require('@internal/plugin-techdocs-backend-module-node-generator/dist/NodeTechdocsGenerator.cjs.js') as {
    NodeTechdocsGenerator: typeof Generator;
  };

/** Builds one site with Greenroom's generator and prints its time. */
async function main() {
  const [inputDir, outputDir] = process.argv.slice(2);
  const logger = {
    info() {},
    warn() {},
    error: console.error,
    debug() {},
  } as any;
  const started = process.hrtime.bigint();
  const generator = new NodeTechdocsGenerator();
  await generator.run({ inputDir, outputDir, logger });
  await generator.close();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${JSON.stringify({ ms })}\n`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
