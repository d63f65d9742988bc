// Written out rather than Intl.NumberFormat: the first Intl object a page makes loads ICU's locale
// data, 30–75 ms of the main thread in Chromium (docs/benchmarks.md, "The list page's first paint:
// ICU and the date inputs"), and a list row's counts were the first thing to make one, inside the
// render that shows the rows. These give Intl's "en" answers for every safe integer (the unit tests
// compare them with Intl itself) and hand anything else to Intl, made only then.

const UNITS = ["", "K", "M", "B", "T"];

let compactIntl: Intl.NumberFormat | undefined;
let groupedIntl: Intl.NumberFormat | undefined;

/** "999", "1.2K", "12.3K", "1M": Intl's compact "en" notation with at most one decimal, half up. */
export function formatCompactCount(value: number): string {
  if (!Number.isSafeInteger(value)) {
    compactIntl ??= new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
    return compactIntl.format(value);
  }
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  const magnitude = Math.abs(value);
  for (let unit = 0; ; unit++) {
    // Tenths of the unit. Dividing the integer by a power of ten is exact at the .5 boundaries, so
    // Math.round's half-up matches Intl's halfExpand; 999,950 rounds to 1,000K and so reads 1M.
    const tenths = unit === 0 ? magnitude * 10 : Math.round(magnitude / 10 ** (3 * unit - 1));
    if (tenths < 10_000 || unit === UNITS.length - 1) return `${sign}${tenths / 10}${UNITS[unit]}`;
  }
}

/** "12,345": Intl's "en" grouping. */
export function formatGroupedCount(value: number): string {
  if (!Number.isSafeInteger(value)) {
    groupedIntl ??= new Intl.NumberFormat("en");
    return groupedIntl.format(value);
  }
  const digits = String(Math.abs(value));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ",");
  return value < 0 || Object.is(value, -0) ? `-${grouped}` : grouped;
}
