const WIDTH = 96;
const HEIGHT = 24;

/**
 * Events per hour as bars, oldest first, scaled to the busiest hour; quiet hours show as a
 * baseline tick so "nothing happened" is distinguishable from "no data". The numbers are in the
 * accessible name, so the shape is not the only way to read it.
 */
export function Sparkline({
  values,
  hoursLabel = "last 24 hours",
}: {
  values: number[];
  hoursLabel?: string;
}) {
  const total = values.reduce((sum, value) => sum + value, 0);
  const peak = Math.max(0, ...values);
  const slot = values.length > 0 ? WIDTH / values.length : WIDTH;
  const barWidth = Math.max(1, slot - 1);
  // Two paths, quiet hours and busy ones, rather than a rect per hour: a list page shows a sparkline
  // per row, and 24 elements each were a third of the rows' DOM for the first render to build.
  const bars = (keep: (value: number) => boolean) =>
    values
      .map((value, hour) => {
        if (!keep(value)) return "";
        const height = value === 0 || peak === 0 ? 1 : Math.max(2, (value / peak) * (HEIGHT - 1));
        return `M${hour * slot + 0.5} ${HEIGHT - height}h${barWidth}v${height}h${-barWidth}z`;
      })
      .join("");
  const label =
    total === 0
      ? `No events in the ${hoursLabel}`
      : `${total} event${total === 1 ? "" : "s"} in the ${hoursLabel}, at most ${peak} in one hour; the latest hour had ${values.at(-1) ?? 0}`;
  return (
    <svg
      data-testid="sparkline"
      data-total={total}
      role="img"
      aria-label={label}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="block shrink-0 text-zinc-700"
    >
      <title>{label}</title>
      <path d={bars((value) => value === 0)} className="fill-zinc-300" />
      <path d={bars((value) => value > 0)} className="fill-current" />
    </svg>
  );
}
