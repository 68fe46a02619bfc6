import fs from 'node:fs';
import path from 'node:path';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { stringify } from 'yaml';
// the generator's own test fixtures: the two repositories of the issue
import {
  writeSnippetBomb,
  writeSymlinkFanout,
} from '../../plugins/techdocs-backend-module-node-generator/src/__testUtils__/badSites';

/** How many entities of each kind there are per 10,000 (the catalog). */
const SHAPE_PER_10K = {
  Group: 50,
  User: 500,
  System: 100,
  API: 2000,
  Resource: 1000,
} as const;

/** One team folder in fifty holds a small real docs site, the rest none. */
const DOCS_EVERY = 50;

/** What the catalog should hold once everything is ingested. */
export interface ExpectedCatalog {
  /** Entity count by kind (Location entities not counted). */
  byKind: Record<string, number>;
  total: number;
}

/**
 * A generated company on disk: one catalog file per group holding the group,
 * its members and everything it owns (as a team's repository of catalog files
 * would), plus two small repositories whose docs are built to break the
 * generator (a snippet bomb and a symlink fan-out). The files are the
 * catalog's `file` locations; `editEntity` and `addEntity` rewrite one of them.
 */
export class GeneratedCatalog {
  private constructor(
    readonly root: string,
    private readonly files: Map<string, Entity[]>,
    /** The catalog file of each entity, by entity ref. */
    private readonly fileOf: Map<string, string>,
    readonly expected: ExpectedCatalog,
    /** The two bad-docs components, by what they do. */
    readonly badSites: { snippetBomb: Entity; symlinkFanout: Entity },
  ) {}

  /**
   * Writes a catalog of `entities` entities (plus the two bad-docs ones)
   * under `root`, shaped as the issue's: per 10,000, 50 groups, 500 users,
   * 100 systems, 2,000 APIs, 1,000 resources and 6,350 components.
   */
  static write(root: string, entities: number): GeneratedCatalog {
    const counts = kindCounts(entities);
    const groups = counts.Group;
    const files = new Map<string, Entity[]>();
    const fileOf = new Map<string, string>();
    const teamFile = (g: number) =>
      path.join(root, 'teams', groupName(g), 'catalog-info.yaml');
    const add = (file: string, entity: Entity) => {
      if (!files.has(file)) files.set(file, []);
      files.get(file)!.push(entity);
      fileOf.set(stringifyEntityRef(entity), file);
    };
    // what each team owns, by index, so that references stay within a team
    const owned = (count: number, g: number) =>
      Array.from(
        { length: Math.ceil(Math.max(0, count - g) / groups) },
        (_, k) => g + k * groups,
      );

    for (let g = 0; g < groups; g++) {
      const department = g % 10 === 0;
      add(teamFile(g), {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: groupName(g),
          description: department
            ? `Department ${g / 10}, the teams below it.`
            : `Team ${g}, which builds and runs the software it owns.`,
        },
        spec: {
          type: department ? 'department' : 'team',
          profile: {
            displayName: department ? `Department ${g}` : `Team ${g}`,
          },
          ...(department ? {} : { parent: groupName(g - (g % 10)) }),
          children: [],
        },
      });
    }
    for (let u = 0; u < counts.User; u++) {
      add(teamFile(u % groups), {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: `user-${u}` },
        spec: {
          profile: {
            displayName: `Person ${u}`,
            email: `user-${u}@example.com`,
          },
          memberOf: [groupName(u % groups)],
        },
      });
    }
    for (let s = 0; s < counts.System; s++) {
      add(teamFile(s % groups), {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: {
          name: `system-${s}`,
          description: `System ${s}: the services, APIs and data behind one product area.`,
          tags: ['generated'],
        },
        spec: { owner: groupName(s % groups) },
      });
    }
    const systemOf = (g: number, k: number) => {
      const systems = owned(counts.System, g);
      return systems.length
        ? `system-${systems[k % systems.length]}`
        : undefined;
    };
    for (let a = 0; a < counts.API; a++) {
      const g = a % groups;
      add(teamFile(g), {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: {
          name: `api-${a}`,
          description: `The HTTP API of service ${a}, for the teams that call it.`,
          tags: a % 2 ? ['rest'] : ['rest', 'public'],
        },
        spec: {
          type: 'openapi',
          lifecycle: a % 7 ? 'production' : 'experimental',
          owner: groupName(g),
          system: systemOf(g, Math.floor(a / groups)),
          definition: openApiDefinition(a),
        },
      });
    }
    for (let r = 0; r < counts.Resource; r++) {
      const g = r % groups;
      add(teamFile(g), {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: `resource-${r}`,
          description: `Storage number ${r}.`,
        },
        spec: {
          type: ['database', 's3-bucket', 'queue'][r % 3],
          owner: groupName(g),
          system: systemOf(g, Math.floor(r / groups)),
        },
      });
    }
    for (let c = 0; c < counts.Component; c++) {
      const g = c % groups;
      const k = Math.floor(c / groups);
      const apis = owned(counts.API, g);
      const others = owned(counts.API, (g + 1) % groups);
      const resources = owned(counts.Resource, g);
      add(
        teamFile(g),
        componentEntity(c, g, k, {
          system: systemOf(g, k),
          providesApi: apis.length ? `api-${apis[k % apis.length]}` : undefined,
          consumesApi: others.length
            ? `api-${others[k % others.length]}`
            : undefined,
          dependsOn: resources.length
            ? `resource:resource-${resources[k % resources.length]}`
            : undefined,
        }),
      );
    }

    const badSite = (name: string, write: (dir: string) => void) => {
      const dir = path.join(root, 'repos', name);
      fs.mkdirSync(dir, { recursive: true });
      write(dir);
      const entity: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          description: `A small repository whose docs site must not take the backend down.`,
          annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
        },
        spec: {
          type: 'library',
          lifecycle: 'experimental',
          owner: groupName(0),
        },
      };
      add(path.join(dir, 'catalog-info.yaml'), entity);
      return entity;
    };
    const badSites = {
      snippetBomb: badSite('snippet-bomb', writeSnippetBomb),
      symlinkFanout: badSite('symlink-fanout', writeSymlinkFanout),
    };

    for (let g = 0; g < groups; g++) {
      writeTeamRepository(path.dirname(teamFile(g)), g);
    }
    const catalog = new GeneratedCatalog(
      root,
      files,
      fileOf,
      {
        byKind: { ...counts, Component: counts.Component + 2 },
        total: entities + 2,
      },
      badSites,
    );
    for (const file of files.keys()) catalog.writeFile(file);
    return catalog;
  }

  /** The catalog files, to register as `file` locations. */
  get locations(): string[] {
    return [...this.files.keys()];
  }

  /** The catalog file holding an entity. */
  fileFor(entityRef: string): string {
    const file = this.fileOf.get(entityRef);
    if (!file) throw new Error(`${entityRef} is not in the generated catalog`);
    return file;
  }

  /** The generated entity, as written. */
  entity(entityRef: string): Entity {
    const found = this.files
      .get(this.fileFor(entityRef))!
      .find(e => stringifyEntityRef(e) === entityRef);
    return found!;
  }

  /** Changes one entity and rewrites its catalog file. */
  editEntity(entityRef: string, edit: (entity: Entity) => void): string {
    edit(this.entity(entityRef));
    const file = this.fileFor(entityRef);
    this.writeFile(file);
    return file;
  }

  /** Adds an entity to the catalog file of `besideRef` and rewrites it. */
  addEntity(besideRef: string, entity: Entity): string {
    const file = this.fileFor(besideRef);
    this.files.get(file)!.push(entity);
    this.fileOf.set(stringifyEntityRef(entity), file);
    this.writeFile(file);
    return file;
  }

  private writeFile(file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = this.files
      .get(file)!
      .map(entity => stringify(entity, { lineWidth: 0 }))
      .join('---\n');
    // written beside and renamed, so the catalog never reads half a file
    fs.writeFileSync(`${file}.tmp`, text);
    fs.renameSync(`${file}.tmp`, file);
  }
}

/** Entity counts by kind for `entities` entities, components taking the rest. */
export function kindCounts(
  entities: number,
): Record<keyof typeof SHAPE_PER_10K | 'Component', number> {
  const scaled = Object.fromEntries(
    Object.entries(SHAPE_PER_10K).map(([kind, per10k]) => [
      kind,
      Math.max(1, Math.round((per10k * entities) / 10_000)),
    ]),
  ) as Record<keyof typeof SHAPE_PER_10K, number>;
  const others = Object.values(scaled).reduce((a, b) => a + b, 0);
  if (entities - others < 1) {
    throw new Error(
      `--entities ${entities} is too few for the catalog's shape; use at least 100`,
    );
  }
  return { ...scaled, Component: entities - others };
}

function groupName(g: number) {
  return g % 10 === 0 ? `dept-${g}` : `team-${g}`;
}

/** The `g`th team's `k`th component; a third have too short a description. */
function componentEntity(
  c: number,
  g: number,
  k: number,
  refs: {
    system?: string;
    providesApi?: string;
    consumesApi?: string;
    dependsOn?: string;
  },
): Entity {
  const links = [
    ...(c % 3
      ? [
          {
            url: `https://runbooks.example.com/c${c}`,
            title: 'Runbook',
            type: 'runbook',
          },
        ]
      : []),
    ...(c % 4
      ? [
          {
            url: `https://oncall.example.com/c${c}`,
            title: 'On-call',
            type: 'on-call',
          },
        ]
      : []),
    ...(c % 5
      ? [
          {
            url: `https://grafana.example.com/c${c}`,
            title: 'Golden signals',
            type: 'dashboard',
          },
        ]
      : []),
  ];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `component-${c}`,
      ...(c % 6 ? { title: `Component ${c}` } : {}),
      description:
        c % 3 === 0
          ? `Component ${c}.`
          : `Component ${c} of team ${g}: it serves the requests of its product area.`,
      annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      tags: c % 4 ? ['generated', ['java', 'node', 'go', 'python'][c % 4]] : [],
      ...(links.length ? { links } : {}),
    },
    spec: {
      type: ['service', 'service', 'website', 'library'][k % 4],
      lifecycle: ['production', 'production', 'experimental', 'deprecated'][
        c % 4
      ],
      owner: groupName(g),
      ...(refs.system ? { system: refs.system } : {}),
      ...(refs.providesApi ? { providesApis: [refs.providesApi] } : {}),
      ...(refs.consumesApi && c % 2
        ? { consumesApis: [refs.consumesApi] }
        : {}),
      ...(refs.dependsOn ? { dependsOn: [refs.dependsOn] } : {}),
    },
  };
}

/** A small OpenAPI document, as teams paste into their API entities. */
function openApiDefinition(a: number): string {
  return stringify({
    openapi: '3.0.0',
    info: { title: `API ${a}`, version: '1.0.0' },
    paths: {
      [`/items/{id}`]: {
        get: {
          summary: 'One item',
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              schema: { type: 'string' },
            },
          ],
          responses: { '200': { description: 'The item.' } },
        },
      },
    },
  });
}

/**
 * The rest of a team's repository: a README, CI, CODEOWNERS, tests and a
 * Dockerfile for some, so that repository facts differ; one team in fifty has
 * a small docs site, the others copied `techdocs-ref: dir:.` without one.
 */
function writeTeamRepository(dir: string, g: number) {
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  if (g % 2 === 0) write('README.md', `# Team ${g}\n\nWhat we run.\n`);
  if (g % 3) write('.github/workflows/ci.yml', 'on: [push]\njobs: {}\n');
  if (g % 4 === 0) write('CODEOWNERS', `* @team-${g}\n`);
  if (g % 5 === 0) write('tests/smoke.test.ts', 'test("smoke", () => {});\n');
  if (g % 3 === 0) write('Dockerfile', 'FROM node:24-slim\n');
  if (g % DOCS_EVERY === 1) {
    write(
      'mkdocs.yml',
      `site_name: Team ${g}\nnav:\n  - Home: index.md\n  - Usage: usage.md\n  - Operations: operations.md\n`,
    );
    write('docs/index.md', `# Team ${g}\n\nWhat the team's software does.\n`);
    write('docs/usage.md', '# Usage\n\nCall the API with a token.\n');
    write(
      'docs/operations.md',
      '# Operations\n\n!!! note\n    Page the on-call.\n',
    );
  }
}
