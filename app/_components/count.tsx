const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat("en");

/** Compact counts (1.2K) keep numeric columns narrow; the exact figure is on hover. */
export function Count({ value }: { value: number }) {
  return (
    <span className="tabular-nums" title={exact.format(value)}>
      {compact.format(value)}
    </span>
  );
}
