import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Publish the rendered skeleton as a local git repository',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          name: 'Create the repository',
          action: 'greenroom:publish:local',
          input: {
            name: '${{ parameters.name }}',
            commitMessage: 'Create ${{ parameters.name }} from a golden path',
          },
        },
      ],
    }),
  },
];
