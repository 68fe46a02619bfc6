import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Shown with the action in the portal's list of installed actions. */
export const examples: TemplateExample[] = [
  {
    description: "Make the new component's owning team its code owners",
    example: yaml.stringify({
      steps: [
        {
          id: 'codeowners',
          name: 'Write CODEOWNERS',
          action: 'greenroom:codeowners:write',
          input: {
            owners: [
              '@acme/${{ parameters.owner | parseEntityRef | pick("name") }}',
            ],
          },
        },
      ],
    }),
  },
];
