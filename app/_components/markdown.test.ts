import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe("Markdown", () => {
  it("renders a javascript: link inert, with no href at all", () => {
    const html = render("Read [the runbook](javascript:alert(document.cookie)) now.");
    expect(html).not.toMatch(/href/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain("the runbook");
  });

  it("shows raw <script> and event-handler HTML as text, never as elements", () => {
    const html = render(
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n```\n<script>x</script>\n```',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("links http(s) targets, opening them in a new tab without an opener", () => {
    const html = render("[runbook](https://wiki.example.com/r?a=1&b=2)");
    expect(html).toContain('href="https://wiki.example.com/r?a=1&amp;b=2"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it("renders every sample post-mortem shape: headings, tables, lists and code", () => {
    const html = render("# T\n\n| a | b |\n|---|---|\n| `x` | **y** |\n\n1. one\n2. two\n\n```\ncode\n```");
    for (const tag of ["<h2", "<table", "<ol", "<pre", "<code", "<strong"]) expect(html).toContain(tag);
  });

  it("leaves out a leading heading that repeats the page's title, and only that", () => {
    const withTitle = (source: string, title: string) =>
      renderToStaticMarkup(createElement(Markdown, { source, title }));
    expect(withTitle("# Outage of `api`\n\ntext", "Outage of api")).not.toContain("<h2");
    expect(withTitle("# Outage\n\ntext", "Another title")).toContain("<h2");
  });
});
