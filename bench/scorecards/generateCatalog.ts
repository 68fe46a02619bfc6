import { Entity } from '@backstage/catalog-model';

/**
 * A company of `count` components owned by 100 teams under 10 departments,
 * in 25 systems, with a realistic spread of descriptions, tags, links and
 * lifecycles, and the relations the catalog would have computed.
 */
export function generateCatalog(count: number): Entity[] {
  const entities: Entity[] = [];
  const departments = 10;
  const teams = 100;
  for (let d = 0; d < departments; d++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `dept-${d}`, namespace: 'default', etag: `dept-${d}` },
      spec: { type: 'department', children: [] },
      relations: Array.from({ length: teams / departments }, (_, i) => ({
        type: 'parentOf',
        targetRef: `group:default/team-${d * 10 + i}`,
      })),
    });
  }
  for (let t = 0; t < teams; t++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${t}`, namespace: 'default', etag: `team-${t}` },
      spec: { type: 'team', children: [] },
      relations: [
        {
          type: 'childOf',
          targetRef: `group:default/dept-${Math.floor(t / 10)}`,
        },
        // every seventh team has no members left
        ...(t % 7 === 0
          ? []
          : [{ type: 'hasMember', targetRef: `user:default/person-${t}` }]),
      ],
    });
  }
  for (let s = 0; s < 25; s++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: `system-${s}`,
        namespace: 'default',
        etag: `system-${s}`,
      },
      spec: { owner: `team-${s * 4}` },
    });
  }
  for (let i = 0; i < count; i++) {
    const team = i % teams;
    const links = [
      ...(i % 3
        ? [{ url: `https://runbooks/c${i}`, title: 'Runbook', type: 'runbook' }]
        : []),
      ...(i % 4
        ? [{ url: `https://oncall/c${i}`, title: 'On-call', type: 'on-call' }]
        : []),
      ...(i % 5
        ? [
            {
              url: `https://grafana/c${i}`,
              title: 'Golden signals',
              type: 'dashboard',
            },
          ]
        : []),
    ];
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `component-${i}`,
        namespace: 'default',
        etag: `c${i}-v1`,
        title: i % 6 ? `Component ${i}` : undefined,
        description:
          i % 8
            ? `Component ${i} handles part of the order flow for region ${
                i % 7
              }.`
            : undefined,
        tags: i % 9 ? ['typescript', `region-${i % 7}`] : [],
        annotations: i % 2 ? { 'backstage.io/techdocs-ref': 'dir:.' } : {},
        links,
      },
      spec: {
        type: i % 10 ? 'service' : 'website',
        lifecycle: ['production', 'production', 'experimental', 'deprecated'][
          i % 4
        ],
        owner: i % 50 ? `team-${team}` : `user:default/person-${team}`,
        system: i % 11 ? `system-${i % 25}` : undefined,
      },
      relations: [
        {
          type: 'ownedBy',
          targetRef:
            i % 50
              ? `group:default/team-${team}`
              : `user:default/person-${team}`,
        },
        ...(i % 11
          ? [{ type: 'partOf', targetRef: `system:default/system-${i % 25}` }]
          : []),
        ...(i % 13
          ? []
          : [
              { type: 'dependsOn', targetRef: `resource:default/missing-${i}` },
            ]),
      ],
    });
  }
  return entities;
}

/** Three scorecards of 20 catalog-fact checks each, over three levels. */
export function generateScorecards(): string[] {
  const checks: Array<[string, string]> = [
    ['has-owner', "{ '==': [{ var: catalog.hasOwner }, true] }"],
    ['owner-exists', "{ '==': [{ var: catalog.ownerExists }, true] }"],
    ['owner-is-group', "{ '==': [{ var: catalog.ownerIsGroup }, true] }"],
    ['owner-has-members', "{ '==': [{ var: catalog.ownerHasMembers }, true] }"],
    ['has-description', "{ '==': [{ var: catalog.hasDescription }, true] }"],
    ['long-description', "{ '>=': [{ var: catalog.descriptionLength }, 40] }"],
    ['has-title', "{ '==': [{ var: catalog.hasTitle }, true] }"],
    ['has-lifecycle', "{ '!=': [{ var: catalog.lifecycle }, ''] }"],
    ['not-deprecated', "{ '!=': [{ var: catalog.lifecycle }, deprecated] }"],
    ['has-system', "{ '==': [{ var: catalog.hasSystem }, true] }"],
    ['system-exists', "{ '==': [{ var: catalog.systemExists }, true] }"],
    ['tagged', "{ '>=': [{ var: catalog.tagCount }, 1] }"],
    ['typescript', '{ in: [typescript, { var: catalog.tags }] }'],
    ['has-links', "{ '>=': [{ var: catalog.linkCount }, 1] }"],
    ['has-runbook', "{ '==': [{ var: catalog.hasRunbook }, true] }"],
    ['has-on-call', "{ '==': [{ var: catalog.hasOnCall }, true] }"],
    ['has-dashboard', "{ '==': [{ var: catalog.hasDashboard }, true] }"],
    ['has-techdocs', "{ '==': [{ var: catalog.hasTechdocs }, true] }"],
    [
      'relations-resolve',
      "{ '==': [{ var: catalog.relationsResolve }, true] }",
    ],
    [
      'is-service-or-website',
      '{ in: [{ var: catalog.type }, [service, website]] }',
    ],
  ];
  return [0, 1, 2].map(n => {
    // each scorecard orders the checks differently over its levels
    const ordered = checks.map((_, i) => checks[(i + n * 7) % checks.length]);
    const level = (id: string, from: number, to: number) =>
      `  - id: ${id}\n    title: ${id}\n    checks:\n${ordered
        .slice(from, to)
        .map(
          ([checkId, condition]) =>
            `      - id: ${checkId}\n        title: ${checkId}\n        fix: Fix ${checkId}.\n        condition: ${condition}\n`,
        )
        .join('')}`;
    return `id: bench-${n}\ntitle: Bench ${n}\nappliesTo: { kind: [Component] }\nlevels:\n${level(
      'bronze',
      0,
      7,
    )}${level('silver', 7, 14)}${level('gold', 14, 20)}`;
  });
}
