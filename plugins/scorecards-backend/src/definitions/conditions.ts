import { JsonValue } from '@backstage/types';

/**
 * Scorecard conditions are JsonLogic (https://jsonlogic.com), evaluated by
 * json-logic-js: data, never code. These are the operations a condition may
 * use; json-logic-js' `log` is left out, and nothing can be added from a file.
 */
export const CONDITION_OPERATORS = new Set([
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '!',
  '!!',
  'and',
  'or',
  'if',
  '?:',
  'in',
  'cat',
  'substr',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'var',
  'missing',
  'missing_some',
  'merge',
  'map',
  'filter',
  'reduce',
  'all',
  'none',
  'some',
]);

/** Operations whose operands are evaluated against each array item, not the entity's facts. */
const ITEM_SCOPED = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

export interface ConditionProblems {
  unknownOperators: string[];
  /** Fact names used by the condition (`var` operands at the top scope). */
  facts: string[];
}

/** Finds the operators and facts a condition uses. */
export function inspectCondition(condition: JsonValue): ConditionProblems {
  const unknownOperators = new Set<string>();
  const facts = new Set<string>();
  const visit = (node: JsonValue, itemScope: boolean) => {
    if (Array.isArray(node)) {
      node.forEach(n => visit(n, itemScope));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      // Not an operation: JsonLogic treats it as a literal object.
      return;
    }
    const op = keys[0];
    const args = node[op] ?? null;
    if (!CONDITION_OPERATORS.has(op)) unknownOperators.add(op);
    if (op === 'var' && !itemScope) {
      const name = Array.isArray(args) ? args[0] : args;
      if (typeof name === 'string' && name !== '') facts.add(name);
      return;
    }
    if ((op === 'missing' || op === 'missing_some') && !itemScope) {
      const names =
        op === 'missing_some' && Array.isArray(args) ? args[1] : args;
      for (const n of Array.isArray(names) ? names : [names]) {
        if (typeof n === 'string') facts.add(n);
      }
      return;
    }
    if (ITEM_SCOPED.has(op) && Array.isArray(args)) {
      visit(args[0], itemScope);
      args.slice(1).forEach(a => visit(a, true));
      return;
    }
    visit(args, itemScope);
  };
  visit(condition, false);
  return { unknownOperators: [...unknownOperators], facts: [...facts] };
}

/** A condition written out for people, e.g. `catalog.lifecycle == "production"`. */
export function describeCondition(node: JsonValue): string {
  if (Array.isArray(node)) return `[${node.map(describeCondition).join(', ')}]`;
  if (!node || typeof node !== 'object') return JSON.stringify(node);
  const keys = Object.keys(node);
  if (keys.length !== 1) return JSON.stringify(node);
  const op = keys[0];
  const raw = node[op] ?? null;
  const args = Array.isArray(raw) ? raw : [raw];
  if (op === 'var') return String(args[0]);
  if (op === 'and' || op === 'or') {
    return args.map(a => wrap(a)).join(` ${op} `);
  }
  if (op === '!') return `not ${wrap(args[0])}`;
  if (op === '!!') return `${wrap(args[0])} is set`;
  if (args.length === 2 && /^[=!<>]=?=?$|^in$/.test(op)) {
    return `${describeCondition(args[0])} ${op} ${describeCondition(args[1])}`;
  }
  return `${op}(${args.map(describeCondition).join(', ')})`;
}

function wrap(node: JsonValue): string {
  const text = describeCondition(node);
  return node &&
    typeof node === 'object' &&
    !Array.isArray(node) &&
    ('and' in node || 'or' in node)
    ? `(${text})`
    : text;
}
