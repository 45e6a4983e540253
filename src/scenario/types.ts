// A scenario is declarative data (one YAML file under scenarios/<track>/NN-slug.yaml).
// Nothing in it is code: conditions are metric comparisons, fixes are config patches.
import type { Incident } from '../engine/types';

export type Difficulty = 'beginner' | 'easy' | 'medium' | 'medium-hard' | 'hard' | 'expert' | 'master';

export type Comparison = '<' | '<=' | '>' | '>=' | '==';

/** `metric op value`, e.g. `group.kitchen.lag < 1000`. */
export interface Condition {
  metric: string;
  op: Comparison;
  value: number;
  /** What the player reads in the SLO checklist ("Kitchen lag under 1,000 orders"). */
  label: string;
}

/** A loss condition holds for `forSeconds` consecutive seconds (0 = at once). */
export interface LossCondition extends Condition {
  forSeconds: number;
  /** Shown in the failure view: what went wrong. */
  reason: string;
}

export interface Hint {
  text: string;
  /** Offered (not shown) once this many seconds have passed... */
  afterSeconds?: number;
  /** ...or once health falls below this. */
  healthBelow?: number;
}

export interface ConceptCard {
  title: string;
  body: string;
}

/** A config patch: deep-merged into the initial config; `null` removes a key. */
export type ConfigPatch = Record<string, unknown>;

export interface Fix {
  name: string;
  patch: ConfigPatch;
  /** Why it works (solution) or why it does not (wrong fix). */
  why: string;
}

export interface Scenario {
  id: string; // "kafka-01"
  track: string; // "kafka" = the TechModule id
  index: number; // 1-based position in the track
  title: string;
  difficulty: Difficulty;
  concept: string;
  briefing: { story: string; symptom: string; goal: string };
  world: unknown; // validated by the technology's worldSchema
  incidents: Incident[];
  /** The config the player starts from (broken in the way the story says). */
  config: Record<string, unknown>;
  victory: Condition[];
  loss: LossCondition[];
  timeLimitSeconds: number;
  /**
   * Victory is only counted from this time (default: the last scripted incident), for scenarios
   * whose trouble recurs, e.g. a game day that kills a broker every 30 s until 2:00.
   */
  victoryFromSeconds?: number;
  hints: Hint[];
  concepts: ConceptCard[];
  solution: Fix;
  wrongFixes: Fix[];
  /** Where the scenario came from (file path), for messages. */
  source: string;
}
