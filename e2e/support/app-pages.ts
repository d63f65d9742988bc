import { readdirSync } from "node:fs";
import path from "node:path";

/** Files that render a whole screen of their own (Next's App Router conventions). */
const SCREEN_FILES = new Set(["page.tsx", "not-found.tsx", "error.tsx", "global-error.tsx"]);

export type AppScreen = {
  /** e.g. "app/(dashboard)/issues/[issueId]/page.tsx" */
  file: string;
  /** The URL pattern it serves, e.g. "/issues/[issueId]"; a not-found or error screen is named by its file. */
  route: string;
};

/**
 * Every screen under app/, found from the file tree, so a page added later cannot be left out of
 * a check that must cover them all. Route groups "(name)" and private folders "_name" add no URL
 * segment; parallel-route slots "@name" neither.
 */
export function appScreens(root = process.cwd()): AppScreen[] {
  const screens: AppScreen[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_") || entry.name === "api") continue;
        const urlSegment = /^\(.*\)$|^@/.test(entry.name) ? [] : [entry.name];
        walk(path.join(dir, entry.name), [...segments, ...urlSegment]);
      } else if (SCREEN_FILES.has(entry.name)) {
        const url = `/${segments.join("/")}`;
        const route = entry.name === "page.tsx" ? url : `${entry.name.replace(".tsx", "")} ${url}`;
        screens.push({ file: path.join(dir, entry.name), route });
      }
    }
  };
  walk("app", []);
  return screens.sort((a, b) => a.route.localeCompare(b.route));
}
