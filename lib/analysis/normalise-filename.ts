// Bundlers put content hashes into asset names, so the same source file gets a new name on every
// deploy. Stripping them keeps ownership rules, grouping and "same file" comparisons stable.

const URL_PREFIX = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i;
const HASHED_ASSET = /\.(?:m?js|cjs|css|map|jsbundle)$/i;
// A dot- or dash-separated segment followed by another dot (never the extension itself).
const NAME_SEGMENT = /([.-])([A-Za-z0-9]+)(?=\.)/g;

/** Content hashes are hex runs (webpack, CRA) or mixed letter/digit runs (esbuild, Next, Vite). */
function isContentHash(segment: string): boolean {
  if (!/\d/.test(segment)) return false;
  if (/^[0-9a-f]{6,}$/i.test(segment)) return /[a-f]/i.test(segment);
  return segment.length >= 8 && /[A-Za-z]/.test(segment);
}

function stripContentHashes(path: string): string {
  if (!HASHED_ASSET.test(path)) return path;
  const slash = path.lastIndexOf("/");
  const base = path
    .slice(slash + 1)
    .replace(NAME_SEGMENT, (whole, _sep, segment: string) => (isContentHash(segment) ? "" : whole));
  return path.slice(0, slash + 1) + base;
}

/**
 * Turns a frame's filename (or absPath when the SDK sent none) into a stable, slash-separated
 * path: URL origin, query and fragment dropped, `./` and leading slashes of URLs removed, and
 * bundler content hashes cut from JS/CSS asset names. Pure string work, O(length).
 */
export function normaliseFilename(
  filename: string | null | undefined,
  absPath?: string | null,
): string | null {
  const raw = (filename ?? "").trim() || (absPath ?? "").trim();
  if (!raw) return null;
  let path = raw.replace(/\\/g, "/");
  if (URL_PREFIX.test(path)) {
    path = path
      .replace(URL_PREFIX, "")
      .replace(/[?#].*$/, "")
      .replace(/^\/+/, "")
      .replace(/^(?:\.\/)+/, "");
  }
  path = stripContentHashes(path);
  return path || null;
}
