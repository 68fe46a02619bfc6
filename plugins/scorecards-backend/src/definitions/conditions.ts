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

export interface ConditionInspection {
  unknownOperators: string[];
  /** Other problems: objects that are not one operation, computed fact names. */
  problems: string[];
  /** Fact names used by the condition (`var` operands at the top scope). */
  facts: string[];
}

/**
 * Finds the operators and facts a condition uses, visiting every operand.
 * The condition must be one operation; every object in it must be one
 * operation too (JsonLogic would treat other objects as literal values, which
 * are truthy, so a typo would make a check always pass), and fact names must
 * be written out, not computed.
 */
export function inspectCondition(condition: JsonValue): ConditionInspection {
  const unknownOperators = new Set<string>();
  const problems = new Set<string>();
  const facts = new Set<string>();
  const visit = (node: JsonValue, itemScope: boolean) => {
    if (Array.isArray(node)) {
      node.forEach(n => visit(n, itemScope));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.add(
        `an object in the condition must be one operation, found ${
          keys.length ? `keys ${keys.join(', ')}` : 'an empty object'
        }`,
      );
      return;
    }
    const op = keys[0];
    const args = node[op] ?? null;
    if (!CONDITION_OPERATORS.has(op)) unknownOperators.add(op);
    const list = Array.isArray(args) ? args : [args];
    if (op === 'var') {
      const [name, fallback] = list;
      if (typeof name !== 'string' && typeof name !== 'number') {
        problems.add('fact names in var must be written out, not computed');
      } else if (!itemScope && name !== '') {
        facts.add(String(name));
      }
      if (fallback !== undefined) visit(fallback, itemScope);
      return;
    }
    if ((op === 'missing' || op === 'missing_some') && !itemScope) {
      const names = op === 'missing_some' ? list[1] : args;
      for (const n of Array.isArray(names) ? names : [names]) {
        if (typeof n === 'string') facts.add(n);
        else problems.add(`fact names in ${op} must be written out`);
      }
      return;
    }
    if (ITEM_SCOPED.has(op)) {
      visit(list[0], itemScope);
      list.slice(1).forEach(a => visit(a, true));
      return;
    }
    visit(args, itemScope);
  };
  const rootIsOperation =
    condition !== null &&
    typeof condition === 'object' &&
    !Array.isArray(condition) &&
    Object.keys(condition).length === 1;
  if (!rootIsOperation) {
    problems.add(
      'the condition must be one JsonLogic operation, such as {"==": [{"var": "catalog.hasOwner"}, true]}',
    );
  }
  visit(condition, false);
  return {
    unknownOperators: [...unknownOperators],
    problems: [...problems],
    facts: [...facts],
  };
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
