// The generator alone, without the backend module around it.
import { NodeTechdocsGenerator } from '@internal/plugin-techdocs-backend-module-node-generator/src/NodeTechdocsGenerator';

/** Builds one site with Greenroom's generator and prints its time and peak memory. */
async function main() {
  const [inputDir, outputDir] = process.argv.slice(2);
  const logger = {
    info() {},
    warn() {},
    error: console.error,
    debug() {},
  } as any;
  const started = process.hrtime.bigint();
  await new NodeTechdocsGenerator().run({ inputDir, outputDir, logger });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ms, maxRssMiB })}\n`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
