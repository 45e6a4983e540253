// Score and stars, as the seed defines them:
//   score = 1000 − 5·seconds − 50·hints + 2·finalHealth − 10·duplicates;  stars at ≥800 / ≥500 / ≥1.
// `duplicates` counts records duplicated while the player's final config was in force, so a fix
// that stops duplicates is not punished for the ones the broken config caused before it.

export interface ScoreInput {
  seconds: number;
  hintsUsed: number;
  finalHealth: number;
  duplicates: number;
}

export function scoreOf({ seconds, hintsUsed, finalHealth, duplicates }: ScoreInput): number {
  const raw = 1000 - 5 * seconds - 50 * hintsUsed + 2 * finalHealth - 10 * duplicates;
  return Math.max(0, Math.round(raw));
}

export function starsFor(score: number): number {
  if (score >= 800) return 3;
  if (score >= 500) return 2;
  if (score >= 1) return 1;
  return 0;
}
