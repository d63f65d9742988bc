import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeLinkTarget } from "./parse-markdown";
import { readPostmortemHeader } from "./postmortem-header";

describe("safeLinkTarget", () => {
  it("keeps http(s) and same-site paths only", () => {
    expect(safeLinkTarget("https://wiki.example.com/x")).toBe("https://wiki.example.com/x");
    expect(safeLinkTarget("http://example.com")).toBe("http://example.com");
    expect(safeLinkTarget("/issues/1")).toBe("/issues/1");
    for (const bad of [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "data:text/html,<b>",
      "vbscript:x",
      "//evil.example",
      "file:///etc/passwd",
    ])
      expect(safeLinkTarget(bad), bad).toBeNull();
  });
});

describe("parseMarkdown", () => {
  it("reads headings, lists, tables, code and inline marks", () => {
    const blocks = parseMarkdown(
      "# Title\n\nSome **bold** and `code` and [a link](https://x.example).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```go\nfmt.Println()\n```",
    );
    expect(blocks.map((b) => b.type)).toEqual(["heading", "paragraph", "list", "table", "code"]);
    const paragraph = blocks[1];
    expect(paragraph?.type === "paragraph" && paragraph.children.map((c) => c.type)).toEqual([
      "text",
      "strong",
      "text",
      "code",
      "text",
      "link",
      "text",
    ]);
    expect(blocks[4]).toEqual({ type: "code", lang: "go", text: "fmt.Println()" });
  });

  it("turns a javascript: link into its plain text and keeps raw HTML as text", () => {
    expect(parseInline("[click](javascript:alert(1))")).toEqual([{ type: "text", text: "click" }]);
    const [block] = parseMarkdown("<script>alert(1)</script>");
    expect(block).toEqual({
      type: "paragraph",
      children: [{ type: "text", text: "<script>alert(1)</script>" }],
    });
  });
});

describe("readPostmortemHeader", () => {
  it("reads the first heading and the Date line", () => {
    expect(readPostmortemHeader("# Outage of `billing-api`\n\n- **Date:** 2026-08-19\n")).toEqual({
      title: "Outage of billing-api",
      occurredOn: "2026-08-19",
    });
  });
  it("gives null for what the document does not say, and for impossible days", () => {
    expect(readPostmortemHeader("just text\n\nDate: 2026-02-31")).toEqual({ title: null, occurredOn: null });
  });
});
