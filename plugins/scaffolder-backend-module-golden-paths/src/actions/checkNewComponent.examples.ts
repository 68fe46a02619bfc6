import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check that a new service can be created, before anything else',
    example: yaml.stringify({
      steps: [
        {
          id: 'check',
          name: 'Check the name, owner and system',
          action: 'greenroom:catalog:check-new-component',
          input: {
            name: '${{ parameters.name }}',
            owner: '${{ parameters.owner }}',
            system: '${{ parameters.system }}',
          },
        },
      ],
    }),
  },
];
