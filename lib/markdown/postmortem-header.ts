import { inlineText, parseMarkdown } from "./parse-markdown";

export type PostmortemHeader = { title: string | null; occurredOn: string | null };

// "Date: 2026-09-14", "**Date:** 2026-09-14", "- When: 2026-09-14", or front matter "date: 2026-09-14".
const DATE_LINE =
  /^\s*(?:[-*]\s+)?(?:\*\*|__)?(?:date|when|occurred(?: on)?|incident date)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(\d{4}-\d{2}-\d{2})\b/im;

const isCalendarDate = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
};

/**
 * A post-mortem's title (its first heading, else front matter `title:`) and the day it happened
 * (a `Date:` line), each null when the document does not say. Pure.
 */
export function readPostmortemHeader(markdown: string): PostmortemHeader {
  const frontTitle = /^---\n[\s\S]*?^title:\s*["']?(.+?)["']?\s*$[\s\S]*?^---$/m.exec(markdown)?.[1] ?? null;
  const heading = parseMarkdown(markdown).find((b) => b.type === "heading");
  const title = (heading?.type === "heading" ? inlineText(heading.children).trim() : "") || frontTitle;
  const day = DATE_LINE.exec(markdown)?.[1] ?? null;
  return { title: title ? title.slice(0, 200) : null, occurredOn: day && isCalendarDate(day) ? day : null };
}
