export { chartDir, helmBinary, lintChart, renderChart } from './helm';
export type { ChartValues, KubeObject } from './helm';
export { manifestProblems } from './manifestRules';
export { schemaProblems } from './schemaProblems';
