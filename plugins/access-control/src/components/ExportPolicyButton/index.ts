export { ExportPolicyButton } from './ExportPolicyButton';
