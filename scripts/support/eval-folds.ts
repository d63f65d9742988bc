// Cross-validation inside one split: items cut into chronological folds; for each fold, the
// parameters are chosen on the other folds and scored on it, so the held-out number never saw
// its own labels during the choice.

/** Fold index (0..folds-1) of each item by time: equal-sized consecutive runs. */
export function chronologicalFolds<T extends { at: number }>(items: T[], folds: number): T[][] {
  const sorted = [...items].sort((a, b) => a.at - b.at);
  return Array.from({ length: folds }, (_, f) =>
    sorted.slice(Math.floor((f * sorted.length) / folds), Math.floor(((f + 1) * sorted.length) / folds)),
  );
}

export type FoldChoice = { fold: number; chosen: string; inFold: number; heldOut: number };

/**
 * For each fold, the candidate with the best mean objective over the other folds, its mean there
 * ("in-fold") and its objective on the fold itself ("held-out").
 */
export function crossValidate(objective: Map<string, number[]>, folds: number): FoldChoice[] {
  return Array.from({ length: folds }, (_, fold) => {
    let best = { chosen: "", inFold: Number.NEGATIVE_INFINITY };
    for (const [name, perFold] of objective) {
      const others = perFold.filter((_, f) => f !== fold);
      const mean = others.reduce((s, x) => s + x, 0) / others.length;
      if (mean > best.inFold) best = { chosen: name, inFold: mean };
    }
    return { fold, ...best, heldOut: objective.get(best.chosen)?.[fold] ?? Number.NaN };
  });
}
