import { useEffect } from 'react';
import { useShadowRootElements } from '@backstage/plugin-techdocs-react';

let diagramCount = 0;

/**
 * Draws a docs page's Mermaid diagrams (`<pre class="mermaid">`, as MkDocs
 * Material and Greenroom's generator write them), which Material's own script
 * would draw on a MkDocs site but the TechDocs reader does not run.
 */
export const MermaidAddon = () => {
  const diagrams = useShadowRootElements<HTMLPreElement>(['pre.mermaid']);

  useEffect(() => {
    const pending = diagrams.filter(pre => !pre.dataset.drawn);
    if (!pending.length) return undefined;
    let cancelled = false;
    (async () => {
      const { default: mermaid } = await import('mermaid');
      // strict: no script or click handlers from the diagram's source
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      for (const pre of pending) {
        if (cancelled) return;
        try {
          const { svg } = await mermaid.render(
            `greenroom-mermaid-${++diagramCount}`,
            pre.textContent ?? '',
          );
          pre.innerHTML = svg;
          pre.dataset.drawn = 'true';
        } catch (error) {
          pre.title = `This Mermaid diagram could not be drawn: ${error}`;
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [diagrams]);

  return null;
};
