export { DefinitionErrorsBanner } from './DefinitionErrorsBanner';
