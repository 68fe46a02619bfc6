/* eslint-disable no-console */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { LdapGroup, LdapPerson, waitUntil } from '@internal/test-utils';
import { startProductionWorld } from '../../packages/app/e2e-tests/production/productionWorld';
import { serviceToken } from '../../packages/app/e2e-tests/production/serviceToken';

/**
 * The production bundle's figures (issue 11): how long it takes to be ready,
 * its memory with the demo off and N people ingested from a real slapd, the
 * JavaScript a browser downloads for the sign-in page, and how long it takes
 * to stop on SIGTERM. The bundle is the one the image and the production
 * browser test run (scripts/build-production.sh), started the same way.
 *
 *   yarn bench:production --users 1000
 */
const root = path.resolve(__dirname, '../..');
const DATABASE_PREFIX = 'greenroom_bench_production_';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    'idle-seconds': { type: 'string', default: '60' },
  },
});
const users = Number(values.users);
const idleSeconds = Number(values['idle-seconds']);
if (!Number.isInteger(users) || users < 1 || !(idleSeconds >= 0)) {
  throw new Error(
    'usage: yarn bench:production [--users 1000] [--idle-seconds 60]',
  );
}

const results = path.join(root, '.data', 'bench-production');
const log = (line: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/** N people in teams of 20, as an LDAP directory holds them. */
function company(count: number): { people: LdapPerson[]; groups: LdapGroup[] } {
  const people = Array.from({ length: count }, (_, i) => ({
    uid: `person-${i}`,
    name: `Person ${i}`,
    mail: `person-${i}@example.com`,
  }));
  const groups: LdapGroup[] = [];
  for (let i = 0; i < count; i += 20) {
    groups.push({
      cn: `team-${i / 20}`,
      description: `Team ${i / 20}`,
      members: people.slice(i, i + 20).map(p => p.uid),
    });
  }
  return { people, groups };
}

/** /proc figures of a process, in MiB. */
function memoryMiB(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Math.round(
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) /
        1024,
    );
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** The JavaScript the sign-in page makes Chromium download, decoded. */
async function signInPageScripts(baseUrl: string) {
  const browser = await chromium.launch({
    executablePath: process.env.GREENROOM_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    const scripts: Array<Promise<{ url: string; bytes: number }>> = [];
    page.on('response', response => {
      if (response.request().resourceType() === 'script') {
        scripts.push(
          response
            .body()
            .then(body => ({ url: response.url(), bytes: body.length })),
        );
      }
    });
    await page.goto(baseUrl);
    await page
      .getByText('Single sign-on', { exact: true })
      .waitFor({ timeout: 60_000 });
    // chunks the page loads after its first paint
    await page.waitForLoadState('networkidle');
    const files = await Promise.all(scripts);
    return {
      files: files.length,
      bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    };
  } finally {
    await browser.close();
  }
}

async function main() {
  fs.mkdirSync(results, { recursive: true });
  log(`starting the production backend (log: ${results}/backend.log)`);
  const world = await startProductionWorld({
    root,
    results,
    databasePrefix: DATABASE_PREFIX,
    org: company(users),
    accounts: [{ id: 'person-0', email: 'person-0@example.com', name: 'P' }],
    log,
  });
  try {
    const { backend, baseUrl } = world;
    const { pid } = backend;
    log(
      `ready ${(backend.readyMs / 1000).toFixed(1)} s after start, RSS ${
        backend.rssMiB
      } MiB`,
    );

    const token = serviceToken(world.backendSecret);
    const usersInCatalog = async () => {
      const res = await fetch(
        `${baseUrl}/api/catalog/entities/by-query?filter=kind=user&limit=1`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (!res.ok) throw new Error(`catalog answered ${res.status}`);
      return ((await res.json()) as { totalItems: number }).totalItems;
    };
    const ingestStart = Date.now();
    await waitUntil(async () => (await usersInCatalog()) >= users, {
      timeoutMs: 600_000,
      intervalMs: 1000,
      what: `${users} users in the catalog`,
    });
    log(
      `${users} users in the catalog ${(
        (Date.now() - ingestStart) /
        1000
      ).toFixed(1)} s after ready`,
    );

    const samples: number[] = [];
    for (let s = 0; s < idleSeconds; s += 5) {
      samples.push(memoryMiB(pid).rss);
      await new Promise(resolve => setTimeout(resolve, 5000));
    }
    const memory = memoryMiB(pid);
    samples.push(memory.rss);

    const scripts = await signInPageScripts(baseUrl);

    const stopStart = Date.now();
    // a grace period longer than docker's 10 s, to see how long it takes
    const { killed } = await world.stopBackend({ graceMs: 90_000 });
    const stopMs = Date.now() - stopStart;

    console.log(
      [
        '',
        `Production bundle, demo off, ${users} LDAP users in ${Math.ceil(
          users / 20,
        )} groups:`,
        `  ready after start:         ${(backend.readyMs / 1000).toFixed(
          1,
        )} s (target ≤ 15 s)`,
        `  RSS at ready:              ${backend.rssMiB} MiB`,
        `  RSS over ${idleSeconds} s after ingestion: max ${Math.max(
          ...samples,
        )} MiB, last ${memory.rss} MiB, peak ever ${
          memory.peak
        } MiB (target ≤ 600 MiB)`,
        `  sign-in page JavaScript:   ${(scripts.bytes / 1e6).toFixed(
          2,
        )} MB decoded in ${scripts.files} files (target ≤ 2.6 MB)`,
        `  stop on SIGTERM:           ${
          killed ? 'killed after 90 s' : `${(stopMs / 1000).toFixed(1)} s`
        }`,
      ].join('\n'),
    );
  } finally {
    await world.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
