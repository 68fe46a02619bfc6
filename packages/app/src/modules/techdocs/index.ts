import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { TechDocsAddonLocations } from '@backstage/plugin-techdocs-react';
import { AddonBlueprint } from '@backstage/plugin-techdocs-react/alpha';
import { MermaidAddon } from './MermaidAddon';

/** TechDocs reader addons of Greenroom's own: Mermaid diagrams. */
export const techdocsModule = createFrontendModule({
  pluginId: 'techdocs',
  extensions: [
    AddonBlueprint.make({
      name: 'mermaid',
      params: {
        name: 'Mermaid',
        location: TechDocsAddonLocations.Content,
        component: MermaidAddon,
      },
    }),
  ],
});
