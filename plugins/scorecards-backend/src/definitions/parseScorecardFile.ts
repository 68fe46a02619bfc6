import { ScorecardDefinitionError } from '@internal/plugin-scorecards-common';
import { FactDefinition } from '@internal/plugin-scorecards-node';
import { JsonValue } from '@backstage/types';
import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { inspectCondition } from './conditions';
import { LoadedScorecard } from './types';

const id = z
  .string()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'must be lowercase letters, digits and single dashes',
  );
const list = z.array(z.string().min(1)).min(1).optional();

const checkSchema = z.object({
  id,
  title: z.string().min(1),
  description: z.string().optional(),
  fix: z.string().optional(),
  condition: z.custom<JsonValue>(
    v => v !== undefined && v !== null && typeof v === 'object',
    'must be a JsonLogic condition (an object such as {"==": [{"var": "catalog.hasOwner"}, true]})',
  ),
});

const scorecardSchema = z.object({
  id,
  title: z.string().min(1),
  description: z.string().optional(),
  appliesTo: z
    .object({
      kind: list,
      type: list,
      lifecycle: list,
      tags: list,
      owner: list,
    })
    .strict()
    .default({}),
  levels: z
    .array(
      z.object({
        id,
        title: z.string().min(1),
        checks: z.array(checkSchema).min(1),
      }),
    )
    .min(1),
});

/** What parsing one scorecard file gives: the scorecard, or what is wrong and where. */
export type ParseResult =
  | { scorecard: LoadedScorecard; errors: [] }
  | { scorecard?: undefined; errors: ScorecardDefinitionError[] };

/**
 * Reads one scorecard file, checking its shape, that check and level ids are
 * unique, and that every condition uses known operators and facts.
 */
export function parseScorecardFile(
  file: string,
  text: string,
  facts: ReadonlyMap<string, FactDefinition>,
): ParseResult {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map(e => ({
        file,
        message: `YAML error: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  let raw: any;
  try {
    raw = doc.toJS();
  } catch (e) {
    return {
      errors: [{ file, message: `YAML error: ${(e as Error).message}` }],
    };
  }
  const rawId = typeof raw?.id === 'string' ? raw.id : undefined;
  const parsed = scorecardSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map(issue => ({
        file,
        scorecard: rawId,
        check: checkIdAt(raw, issue.path),
        message: `${issue.path.join('.') || '(file)'}: ${issue.message}`,
      })),
    };
  }

  const def = parsed.data;
  const errors: ScorecardDefinitionError[] = [];
  const seenLevels = new Set<string>();
  const seenChecks = new Set<string>();
  const checks: LoadedScorecard['checks'] = [];
  for (const level of def.levels) {
    if (seenLevels.has(level.id)) {
      errors.push({
        file,
        scorecard: def.id,
        message: `duplicate level id '${level.id}'`,
      });
    }
    seenLevels.add(level.id);
    for (const check of level.checks) {
      const where = { file, scorecard: def.id, check: check.id };
      if (seenChecks.has(check.id)) {
        errors.push({ ...where, message: `duplicate check id '${check.id}'` });
      }
      seenChecks.add(check.id);
      const inspected = inspectCondition(check.condition);
      for (const op of inspected.unknownOperators) {
        errors.push({ ...where, message: `unknown operator '${op}'` });
      }
      for (const problem of inspected.problems) {
        errors.push({ ...where, message: problem });
      }
      for (const fact of inspected.facts) {
        if (!facts.has(fact)) {
          errors.push({
            ...where,
            message: `unknown fact '${fact}'${suggest(fact, facts)}`,
          });
        }
      }
      checks.push({
        id: check.id,
        title: check.title,
        description: check.description,
        fix: check.fix,
        level: level.id,
        condition: check.condition,
        facts: inspected.facts,
      });
    }
  }
  if (errors.length > 0) return { errors };

  return {
    scorecard: {
      id: def.id,
      title: def.title,
      description: def.description,
      appliesTo: def.appliesTo,
      levels: def.levels.map(l => ({ id: l.id, title: l.title })),
      checks,
      file,
      hash: createHash('sha256')
        .update(JSON.stringify(def))
        .digest('hex')
        .slice(0, 16),
    },
    errors: [],
  };
}

function checkIdAt(raw: any, path: PropertyKey[]): string | undefined {
  if (path[0] !== 'levels' || path[2] !== 'checks') return undefined;
  const check = raw?.levels?.[path[1] as number]?.checks?.[path[3] as number];
  return typeof check?.id === 'string' ? check.id : undefined;
}

function suggest(fact: string, facts: ReadonlyMap<string, FactDefinition>) {
  const prefix = `${fact.split('.')[0]}.`;
  const known = [...facts.keys()].filter(f => f.startsWith(prefix));
  return known.length
    ? ` (known ${prefix.slice(0, -1)} facts: ${known.join(', ')})`
    : ` (known providers: ${[
        ...new Set([...facts.keys()].map(f => f.split('.')[0])),
      ].join(', ')})`;
}
