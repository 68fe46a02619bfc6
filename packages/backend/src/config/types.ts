import { JsonObject } from '@backstage/config';

/**
 * What one area of the production configuration reads from the environment:
 * the Backstage config it adds, and one sentence per problem, each naming the
 * variable and what it is for.
 */
export type EnvConfigPart = { config: JsonObject; errors: string[] };
