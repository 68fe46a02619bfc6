import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a docs-as-code folder of `pages` pages in ten sections, for both
 * MkDocs and Greenroom's generator to build. Each page uses what real
 * Material sites use (issue 12): front matter, headings with attr_list ids,
 * a table, content tabs with titled, numbered, highlighted and annotated code,
 * admonitions with modifiers and collapsible blocks, pymdownx.blocks, icons
 * and emoji, keys, mark, caret, tilde, smart symbols, bare URLs, inline
 * highlighting, math, md_in_html, footnotes, a snippet and links to its
 * neighbours.
 */
export function generateSite(dir: string, pages: number) {
  fs.rmSync(dir, { recursive: true, force: true });
  const docs = path.join(dir, 'docs');
  const sections = 10;
  const name = (i: number) => `section-${i % sections}/page-${i}.md`;
  fs.mkdirSync(docs, { recursive: true });
  for (let s = 0; s < sections; s++)
    fs.mkdirSync(path.join(docs, `section-${s}`));
  fs.mkdirSync(path.join(dir, 'snippets'));
  fs.writeFileSync(
    path.join(dir, 'snippets', 'support.md'),
    '!!! info "Support"\n    Ask in **#orders-help**, or page the on-call engineer.\n',
  );
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
      `---
title: Orders service ${i}
description: How service ${i} handles orders
tags:
  - orders
  - region-${i % 7}
---

# Service ${i} { #service-${i} }

Service ${i} handles orders for region ${
        i % 7
      } :material-server: :octicons-arrow-right-24: :fontawesome-brands-github:
:simple-kubernetes: :rocket: :man_raising_hand:. See [the next page](../${next}),
[the previous one](../${prev}#configuration) and https://status.example.com/svc-${i}.

[Open the runbook](../${next}){ .md-button .md-button--primary }

## Status { #status .wide }

| Service | Latency | State |
|---------|--------:|-------|
${rows}

## Configuration

Press ++ctrl+alt+del++ to ==reset== the ^^local^^ cache (c); H~2~O and x^2^
are formatted --> as they should be. Call \`#!python orders.get(${i})\` first.

The cost is $O(n \\log n)$ for $n$ orders, and the total is

$$
T = \\sum_{k=1}^{n} p_k \\cdot q_k
$$

=== "TypeScript"

    \`\`\`ts title="handler.ts" linenums="1" hl_lines="2 3"
    export async function handler(event: OrderEvent): Promise<Result> {
      const order = await orders.get(event.orderId); // (1)!
      if (!order) throw new NotFoundError(\`order \${event.orderId}\`);
      return { ok: true, total: order.lines.reduce((sum, l) => sum + l.price * l.qty, 0) };
    }
    \`\`\`

    1.  Reads through the cache; a miss costs one query.

=== "Python"

    \`\`\`python
    def handler(event):
        order = orders.get(event.order_id)
        return {"ok": True, "total": sum(l.price * l.qty for l in order.lines)}
    \`\`\`

!!! note annotate "Defaults"
    Every option has a default (1); override only what you **must**.

1.  Defaults are in \`config.d.ts\`.

!!! tip inline end "Tip"
    Keep handlers idempotent.

??? warning "Known issues"
    Retries after a timeout may deliver twice[^1]; handlers must be idempotent.

/// details | Deployment notes
    type: info

Deploys roll out one replica at a time.
///

<div class="grid" markdown>

**Owner**: team-${i % 50}

**Tier**: ${1 + (i % 3)}

</div>

## Operations

1. Check the dashboard.
2. Restart with \`kubectl rollout restart deploy/svc-${i}\`.
3. Tell the channel.

\`\`\`bash
curl -sf https://svc-${i}.internal/health | jq .status
\`\`\`

--8<-- "snippets/support.md"

[^1]: At-least-once delivery.
`,
    );
  }
}

/**
 * mkdocs.yml for both builds. MkDocs uses the Material theme, and Debian's
 * extensions, which are older: its pymdownx has no pymdownx.blocks (the
 * `///` block stays text there), and its icons come from
 * mkdocs-material-extensions. Its arithmatex only marks math up for MathJax
 * to render in the browser; Greenroom renders it on the server.
 */
export function mkdocsYml(forMkdocs: boolean) {
  return `site_name: Benchmark
${forMkdocs ? 'theme:\n  name: material\n' : ''}plugins:
  - search
  - tags
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - footnotes
  - tables
  - toc:
      permalink: false
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.highlight:
      anchor_linenums: true
  - pymdownx.inlinehilite
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.keys
  - pymdownx.mark
  - pymdownx.caret
  - pymdownx.tilde
  - pymdownx.smartsymbols
  - pymdownx.magiclink
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.snippets:
      base_path: ['.']
  - pymdownx.emoji:
      emoji_index: !!python/name:materialx.emoji.twemoji
      emoji_generator: !!python/name:materialx.emoji.to_svg
${forMkdocs ? '' : '  - pymdownx.blocks.details\n'}`;
}
