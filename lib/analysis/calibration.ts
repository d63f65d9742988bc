/** One prediction: the probability given, and whether what it predicted held. */
export type CalibrationPair = { confidence: number; correct: boolean };

export type CalibrationBin = {
  from: number;
  to: number;
  count: number;
  confidence: number;
  accuracy: number;
};

/**
 * Equal-width bins over [0, 1] (a confidence of exactly 1 goes in the last bin), each with the
 * mean confidence and the share correct of its pairs; empty bins have count 0 and NaN means.
 */
export function calibrationBins(pairs: readonly CalibrationPair[], bins = 10): CalibrationBin[] {
  const out = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    count: 0,
    sumConfidence: 0,
    correct: 0,
  }));
  for (const pair of pairs) {
    const p = Math.min(1, Math.max(0, pair.confidence));
    const bin = out[Math.min(bins - 1, Math.floor(p * bins))];
    if (!bin) continue;
    bin.count++;
    bin.sumConfidence += p;
    if (pair.correct) bin.correct++;
  }
  return out.map(({ from, to, count, sumConfidence, correct }) => ({
    from,
    to,
    count,
    confidence: sumConfidence / count,
    accuracy: correct / count,
  }));
}

/**
 * Expected calibration error: over equal-width confidence bins, the gap between mean confidence
 * and the share correct, weighted by the bin's share of pairs. 0 is perfectly calibrated; 0 for no
 * pairs. O(pairs + bins).
 */
export function expectedCalibrationError(pairs: readonly CalibrationPair[], bins = 10): number {
  if (pairs.length === 0) return 0;
  return calibrationBins(pairs, bins).reduce(
    (sum, bin) =>
      bin.count === 0 ? sum : sum + (bin.count / pairs.length) * Math.abs(bin.confidence - bin.accuracy),
    0,
  );
}
