/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { generateSite, mkdocsYml } from './generateSite';

/**
 * TechDocs build benchmark: one generated site of PAGES pages (default 500)
 * built by Greenroom's Node generator and by `mkdocs build` with the Material
 * theme (Debian's mkdocs and mkdocs-material), side by side, RUNS times each.
 *
 *   ./greenroom yarn bench:techdocs
 */
const pages = Number(process.env.PAGES ?? 500);
const runs = Number(process.env.RUNS ?? 3);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-bench-'));

function ensureMkdocs() {
  if (
    fs.existsSync('/usr/bin/mkdocs') &&
    fs.existsSync('/usr/share/mkdocs/themes/material') &&
    fs.existsSync('/usr/lib/python3/dist-packages/materialx')
  )
    return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      "The comparison needs Debian's mkdocs, mkdocs-material and its extensions: sudo apt-get install mkdocs mkdocs-material mkdocs-material-extensions python3-pymdownx",
    );
  }
  console.log("installing Debian's mkdocs, mkdocs-material and extensions…");
  execFileSync(
    'apt-get',
    [
      'install',
      '-y',
      '-qq',
      'mkdocs',
      'mkdocs-material',
      'mkdocs-material-extensions',
      'python3-pymdownx',
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    },
  );
}

/**
 * Builds the generator package as a production backend runs it (its packages
 * are built; nothing is transpiled at start-up) and compiles the small driver
 * around it. The package stays a require() of its dist, whose worker file the
 * generator starts; dependencies resolve from the repository's node_modules.
 */
function compileBuildWithNode(): string {
  const name = '@internal/plugin-techdocs-backend-module-node-generator';
  const pkg = require(`${name}/package.json`);
  execFileSync('yarn', ['backstage-cli', 'package', 'build'], {
    cwd: path.dirname(require.resolve(`${name}/package.json`)),
    stdio: 'inherit',
  });
  const outfile = path.resolve(
    __dirname,
    '../../node_modules/.cache/greenroom-bench/buildWithNode.cjs',
  );
  buildSync({
    entryPoints: [path.join(__dirname, 'buildWithNode.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: [name, `${name}/*`, ...Object.keys(pkg.dependencies)],
    logLevel: 'error',
  });
  return outfile;
}

function node(script: string, input: string, output: string) {
  const started = process.hrtime.bigint();
  // GNU time reports the largest of the process and its build worker.
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, script, input, output],
    { encoding: 'utf8' },
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`node build failed: ${result.stderr}`);
  const { ms } = JSON.parse(result.stdout.trim().split('\n').pop()!);
  const maxRssMiB = Number(result.stderr.trim().split('\n').pop()) / 1024;
  return { ms, wallMs, maxRssMiB } as {
    ms: number;
    wallMs: number;
    maxRssMiB: number;
  };
}

function mkdocs(input: string, output: string) {
  const started = process.hrtime.bigint();
  const result = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      '/usr/bin/mkdocs',
      'build',
      '-q',
      '-f',
      path.join(input, 'mkdocs.yml'),
      '-d',
      output,
    ],
    // snippets' base_path is relative to the working directory in pymdownx
    { encoding: 'utf8', cwd: input },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`mkdocs build failed: ${result.stderr}`);
  const maxRssMiB = Number(result.stderr.trim().split('\n').pop()) / 1024;
  return { ms, maxRssMiB };
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main() {
  ensureMkdocs();
  const nodeSite = path.join(work, 'node');
  const mkdocsSite = path.join(work, 'mkdocs');
  generateSite(nodeSite, pages);
  generateSite(mkdocsSite, pages);
  fs.writeFileSync(path.join(nodeSite, 'mkdocs.yml'), mkdocsYml(false));
  fs.writeFileSync(path.join(mkdocsSite, 'mkdocs.yml'), mkdocsYml(true));

  const script = compileBuildWithNode();
  const ours: Array<{ ms: number; wallMs: number; maxRssMiB: number }> = [];
  const theirs: Array<{ ms: number; maxRssMiB: number }> = [];
  for (let i = 0; i < runs; i++) {
    ours.push(node(script, nodeSite, path.join(work, `out-node-${i}`)));
    theirs.push(mkdocs(mkdocsSite, path.join(work, `out-mkdocs-${i}`)));
  }
  const builtPages = fs
    .readdirSync(path.join(work, 'out-node-0'), { recursive: true })
    .filter(f => String(f).endsWith('index.html')).length;

  const nodeMs = median(ours.map(r => r.ms));
  const mkdocsMs = median(theirs.map(r => r.ms));
  console.log(
    `TechDocs build of ${pages} pages (${builtPages} index.html written), ${runs} runs each, median:`,
  );
  const nodeWallMs = median(ours.map(r => r.wallMs));
  console.log(
    `  greenroom node generator: ${(nodeMs / 1000).toFixed(
      2,
    )} s in the backend process (${(nodeWallMs / 1000).toFixed(
      2,
    )} s as a fresh process, compiled as in production), peak RSS ${Math.max(
      ...ours.map(r => r.maxRssMiB),
    ).toFixed(0)} MiB`,
  );
  console.log(
    `  mkdocs build (material):  ${(mkdocsMs / 1000).toFixed(
      2,
    )} s as a process (how TechDocs runs it), peak RSS ${Math.max(
      ...theirs.map(r => r.maxRssMiB),
    ).toFixed(0)} MiB`,
  );
  console.log(
    `  speed-up: ${(mkdocsMs / nodeMs).toFixed(1)}x in the backend, ${(
      mkdocsMs / nodeWallMs
    ).toFixed(1)}x process to process`,
  );
  fs.rmSync(work, { recursive: true, force: true });
}

main();
