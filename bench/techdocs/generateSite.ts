import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a docs-as-code folder of `pages` pages in ten sections, each page
 * with headings, a table, fenced code, an admonition, a collapsible block and
 * links to its neighbours, for both MkDocs and Greenroom's generator to build.
 */
export function generateSite(dir: string, pages: number) {
  fs.rmSync(dir, { recursive: true, force: true });
  const docs = path.join(dir, 'docs');
  const sections = 10;
  const name = (i: number) => `section-${i % sections}/page-${i}.md`;
  fs.mkdirSync(docs, { recursive: true });
  for (let s = 0; s < sections; s++)
    fs.mkdirSync(path.join(docs, `section-${s}`));
  fs.writeFileSync(
    path.join(docs, 'index.md'),
    `# Benchmark site\n\nStart at [page 0](${name(0)}).\n`,
  );

  for (let i = 0; i < pages - 1; i++) {
    const next = name((i + 1) % (pages - 1));
    const prev = name((i + pages - 2) % (pages - 1));
    const rows = Array.from(
      { length: 12 },
      (_, r) =>
        `| svc-${i}-${r} | ${r * 7} ms | ${r % 3 ? 'ok' : 'degraded'} |`,
    ).join('\n');
    fs.writeFileSync(
      path.join(docs, name(i)),
      `# Page ${i}

Service ${i} handles orders for region ${
        i % 7
      }. See [the next page](../${next}) and [the previous one](../${prev}#configuration).

## Status

| Service | Latency | State |
|---------|--------:|-------|
${rows}

## Configuration

!!! note "Defaults"
    Every option has a default; override only what you **must**.

\`\`\`ts
export async function handler(event: OrderEvent): Promise<Result> {
  const order = await orders.get(event.orderId);
  if (!order) throw new NotFoundError(\`order \${event.orderId}\`);
  return { ok: true, total: order.lines.reduce((sum, l) => sum + l.price * l.qty, 0) };
}
\`\`\`

??? warning "Known issues"
    Retries after a timeout may deliver twice; handlers must be idempotent.

## Operations

1. Check the dashboard.
2. Restart with \`kubectl rollout restart deploy/svc-${i}\`.
3. Tell the channel.

\`\`\`bash
curl -sf https://svc-${i}.internal/health | jq .status
\`\`\`
`,
    );
  }
}

/** mkdocs.yml for both builds; MkDocs uses the Material theme. */
export function mkdocsYml(theme: boolean) {
  return `site_name: Benchmark
${theme ? 'theme:\n  name: material\n' : ''}markdown_extensions:
  - admonition
  - pymdownx.details
  - pymdownx.superfences
  - tables
  - toc:
      permalink: false
`;
}
