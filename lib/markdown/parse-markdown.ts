// A small markdown reader for post-mortems: the blocks and inlines people write in them (headings,
// paragraphs, lists, quotes, fenced code, pipe tables, rules; code spans, bold, italics, links),
// parsed into plain data that React renders as elements. Raw HTML is never interpreted: it stays
// text, which React escapes. A link keeps its href only when it is http(s) or a relative path.

export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] };

export type Block =
  | { type: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "code"; lang: string | null; text: string }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  | { type: "quote"; children: Inline[] }
  | { type: "rule" }
  | { type: "table"; header: Inline[][]; rows: Inline[][][] };

/** The link target kept for an href: http(s) URLs and same-site paths; anything else (javascript:, data:) is null. */
export function safeLinkTarget(raw: string): string | null {
  const url = raw.trim();
  if (/^\/(?!\/)/.test(url) || /^#[\w-]*$/.test(url)) return url;
  try {
    const { protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}

const INLINE =
  /`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|\*([^*\s][^*]*?)\*|\b_([^_\s][^_]*?)_\b|\[([^\]]+)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)|<(https?:\/\/[^\s>]+)>/g;

/** Inline markdown of one block's text. Unsafe link targets leave their text, unlinked. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push({ type: "text", text: text.slice(last, m.index) });
    last = m.index + m[0].length;
    if (m[1] !== undefined) out.push({ type: "code", text: m[1] });
    else if (m[2] !== undefined || m[3] !== undefined)
      out.push({ type: "strong", children: parseInline(m[2] ?? m[3] ?? "") });
    else if (m[4] !== undefined || m[5] !== undefined)
      out.push({ type: "em", children: parseInline(m[4] ?? m[5] ?? "") });
    else if (m[6] !== undefined) {
      const href = safeLinkTarget(m[7] ?? "");
      const children = parseInline(m[6]);
      if (href) out.push({ type: "link", href, children });
      else out.push(...children);
    } else if (m[8] !== undefined)
      out.push({ type: "link", href: m[8], children: [{ type: "text", text: m[8] }] });
  }
  if (last < text.length) out.push({ type: "text", text: text.slice(last) });
  return out;
}

const FENCE = /^\s{0,3}(```|~~~)\s*([\w+-]*)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const TABLE_DIVIDER = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((cell) => parseInline(cell.trim()));

const startsBlock = (line: string, next: string | undefined) =>
  FENCE.test(line) ||
  HEADING.test(line) ||
  BULLET.test(line) ||
  NUMBERED.test(line) ||
  RULE.test(line) ||
  /^\s{0,3}>/.test(line) ||
  (line.includes("|") && next !== undefined && TABLE_DIVIDER.test(next));

/** The blocks of a markdown document, in order. Pure; O(length). Never throws on any input. */
export function parseMarkdown(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? "").trimStart().startsWith(fence[1] ?? "```"))
        body.push(lines[i++] ?? "");
      i++;
      blocks.push({ type: "code", lang: fence[2] || null, text: body.join("\n") });
      continue;
    }
    if (line.trim() === "") {
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = (heading[1] ?? "#").length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ type: "heading", level, children: parseInline(heading[2] ?? "") });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: "rule" });
      i++;
      continue;
    }
    if (line.includes("|") && TABLE_DIVIDER.test(lines[i + 1] ?? "")) {
      const header = cells(line);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && (lines[i] ?? "").includes("|") && (lines[i] ?? "").trim() !== "")
        rows.push(cells(lines[i++] ?? ""));
      blocks.push({ type: "table", header, rows });
      continue;
    }
    const item = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (item) {
      const items: string[] = [];
      while (i < lines.length) {
        const current = lines[i] ?? "";
        const m = item.exec(current);
        if (m) items.push(m[1] ?? "");
        else if (current.trim() !== "" && /^\s+/.test(current) && items.length > 0)
          items[items.length - 1] += ` ${current.trim()}`;
        else break;
        i++;
      }
      blocks.push({ type: "list", ordered: item === NUMBERED, items: items.map(parseInline) });
      continue;
    }
    if (/^\s{0,3}>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s{0,3}>/.test(lines[i] ?? ""))
        quoted.push((lines[i++] ?? "").replace(/^\s{0,3}>\s?/, ""));
      blocks.push({ type: "quote", children: parseInline(quoted.join(" ")) });
      continue;
    }
    const paragraph: string[] = [line.trim()];
    i++;
    while (i < lines.length && (lines[i] ?? "").trim() !== "" && !startsBlock(lines[i] ?? "", lines[i + 1]))
      paragraph.push((lines[i++] ?? "").trim());
    blocks.push({ type: "paragraph", children: parseInline(paragraph.join(" ")) });
  }
  return blocks;
}

/** The plain text of inlines, for titles and summaries. */
export const inlineText = (inlines: Inline[]): string =>
  inlines.map((n) => (n.type === "text" || n.type === "code" ? n.text : inlineText(n.children))).join("");
