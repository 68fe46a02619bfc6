/* eslint-disable no-console */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * What a backend spent its CPU on in one window of a `--cpu-profile` run:
 * the samples of a V8 `.cpuprofile` between two times (seconds since the
 * profile started, which is the backend's spawn within a few tens of ms),
 * summed by package, by function, and by the in-house functions on the stack.
 *
 *   yarn bench:profile-window .data/bench-scale/greenroom.cpuprofile --from 170 --to 290
 */

type CallFrame = {
  functionName: string;
  url: string;
  lineNumber: number;
};
type ProfileNode = {
  id: number;
  callFrame: CallFrame;
  children?: number[];
};
type Profile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

const usage =
  'yarn bench:profile-window <file.cpuprofile> [--from <s>] [--to <s>] [--top 25]';

/** `node_modules/<package>`, the repository folder (`plugins/<name>`), or what V8 calls it. */
function owner(url: string): string {
  if (!url) return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const repo = url.match(/\/(plugins|packages|bench)\/([^/]+)\//);
  if (repo) return `${repo[1]}/${repo[2]}`;
  if (url.startsWith('node:')) return 'node';
  return path.basename(url);
}

function frameName(frame: CallFrame): string {
  return `${frame.functionName || '(anonymous)'} ${owner(frame.url)}${
    frame.url && !frame.url.includes('node_modules')
      ? `/${path.basename(frame.url)}:${frame.lineNumber + 1}`
      : ''
  }`;
}

function isInHouse(frame: CallFrame): boolean {
  return (
    !frame.url.includes('node_modules') &&
    /\/(plugins|packages)\/[^/]+\/src\//.test(frame.url)
  );
}

function top(counts: Map<string, number>, total: number, n: number) {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([name, us]) =>
        `  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1e6)
          .toFixed(2)
          .padStart(7)} s  ${name}`,
    )
    .join('\n');
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      from: { type: 'string', default: '0' },
      to: { type: 'string', default: 'Infinity' },
      top: { type: 'string', default: '25' },
    },
  });
  if (positionals.length !== 1) throw new Error(usage);
  for (const key of ['from', 'to', 'top'] as const) {
    if (Number.isNaN(Number(values[key]))) {
      throw new Error(
        `--${key} must be a number, got '${values[key]}'\n${usage}`,
      );
    }
  }
  const profile: Profile = JSON.parse(fs.readFileSync(positionals[0], 'utf8'));
  const fromUs = Number(values.from) * 1e6;
  const toUs = Number(values.to) * 1e6;
  const n = Number(values.top);

  const byId = new Map(profile.nodes.map(node => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }

  const self = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const inHouse = new Map<string, number>();
  let windowUs = 0;
  let idleUs = 0;
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i];
    t += delta;
    if (t < fromUs || t > toUs) continue;
    const leaf = byId.get(profile.samples[i])!;
    windowUs += delta;
    if (leaf.callFrame.functionName === '(idle)') {
      idleUs += delta;
      continue;
    }
    const add = (map: Map<string, number>, key: string) =>
      map.set(key, (map.get(key) ?? 0) + delta);
    add(self, frameName(leaf.callFrame));
    add(byOwner, owner(leaf.callFrame.url));
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (!isInHouse(frame)) continue;
      const name = frameName(frame);
      if (!seen.has(name)) add(inHouse, name);
      seen.add(name);
    }
  }
  const busyUs = windowUs - idleUs;
  console.log(
    `${positionals[0]}: ${(windowUs / 1e6).toFixed(1)} s of samples from ${
      values.from
    } s to ${values.to} s, ${(busyUs / 1e6).toFixed(1)} s busy (${(
      (100 * busyUs) /
      Math.max(windowUs, 1)
    ).toFixed(1)} % of the main thread); shares are of the busy time`,
  );
  console.log(`\nBy package (self time):\n${top(byOwner, busyUs, n)}`);
  console.log(`\nBy function (self time):\n${top(self, busyUs, n)}`);
  console.log(
    `\nIn-house functions on the stack (inclusive):\n${top(
      inHouse,
      busyUs,
      n,
    )}`,
  );
}

main();
