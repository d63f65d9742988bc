import { createHash } from "node:crypto";
import { postmortemTerms } from "@/lib/analysis/postmortem-terms";
import type { NewPostmortem } from "@/lib/db/queries/postmortems";
import { readPostmortemHeader } from "@/lib/markdown/postmortem-header";

/**
 * A post-mortem ready to store: its title (given, else its first heading, else `fallbackTitle`),
 * the day it happened (a `Date:` line), a hash of its text, and the terms it is matched on.
 */
export function preparePostmortem(
  markdown: string,
  options: { title?: string; fallbackTitle: string; source: string | null },
): NewPostmortem {
  const header = readPostmortemHeader(markdown);
  const title = options.title?.trim() || header.title || options.fallbackTitle;
  return {
    title,
    markdown,
    contentHash: createHash("sha256").update(markdown).digest("hex"),
    source: options.source,
    occurredOn: header.occurredOn,
    terms: postmortemTerms(markdown, title),
  };
}
