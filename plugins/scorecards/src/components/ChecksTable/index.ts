export { ChecksTable } from './ChecksTable';
export type { ChecksTableProps } from './ChecksTable';
