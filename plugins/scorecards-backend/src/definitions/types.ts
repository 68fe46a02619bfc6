import { JsonValue } from '@backstage/types';
import { Scorecard, ScorecardCheck } from '@internal/plugin-scorecards-common';

/** A check with the condition the evaluator applies. */
export interface LoadedCheck extends ScorecardCheck {
  condition: JsonValue;
  /** The facts the condition reads, `<provider>.<fact>`. */
  facts: string[];
}

/** A scorecard as loaded from its file. */
export interface LoadedScorecard extends Scorecard {
  checks: LoadedCheck[];
  /** The file it was read from. */
  file: string;
  /** Changes whenever the definition does. */
  hash: string;
}
