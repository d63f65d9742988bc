import { formatCompactCount, formatGroupedCount } from "./format-count";

/** Compact counts (1.2K) keep numeric columns narrow; the exact figure is on hover. */
export function Count({ value }: { value: number }) {
  return (
    <span className="tabular-nums" title={formatGroupedCount(value)}>
      {formatCompactCount(value)}
    </span>
  );
}
