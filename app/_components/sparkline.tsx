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
      {values.map((value, hour) => {
        const height = value === 0 || peak === 0 ? 1 : Math.max(2, (value / peak) * (HEIGHT - 1));
        return (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: one bar per hour, in a fixed order
            key={hour}
            x={hour * slot + 0.5}
            y={HEIGHT - height}
            width={Math.max(1, slot - 1)}
            height={height}
            className={value === 0 ? "fill-zinc-300" : "fill-current"}
          />
        );
      })}
    </svg>
  );
}
