/**
 * Tests of the Extending Greenroom handbook, whose pages are in `handbook/docs`
 * and worked examples in `handbook/docs/examples`. Nothing to import.
 *
 * @packageDocumentation
 */
export {};
