import { createElement, type ReactNode } from "react";
import { type Block, type Inline, inlineText, parseMarkdown } from "@/lib/markdown/parse-markdown";

// Markdown as React elements only: no innerHTML anywhere, so raw HTML in the source is shown as
// text, and parse-markdown keeps a link's href only when it is http(s) or a same-site path.

function InlineNodes({ nodes }: { nodes: Inline[] }): ReactNode {
  return nodes.map((node, i) => inlineNode(node, `${node.type}-${i}`));
}

function inlineNode(node: Inline, key: string): ReactNode {
  switch (node.type) {
    case "text":
      return node.text;
    case "code":
      return (
        <code key={key} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em] text-zinc-800">
          {node.text}
        </code>
      );
    case "strong":
      return (
        <strong key={key} className="font-semibold">
          <InlineNodes nodes={node.children} />
        </strong>
      );
    case "em":
      return (
        <em key={key}>
          <InlineNodes nodes={node.children} />
        </em>
      );
    case "link": {
      const external = !node.href.startsWith("/") && !node.href.startsWith("#");
      return (
        <a
          key={key}
          href={node.href}
          className="text-sky-700 underline hover:text-sky-900"
          {...(external ? { target: "_blank", rel: "noopener noreferrer nofollow" } : {})}
        >
          <InlineNodes nodes={node.children} />
        </a>
      );
    }
  }
}

const headingClass = ["text-xl font-semibold", "text-lg font-semibold", "text-base font-semibold"];

function BlockNode({ block }: { block: Block }) {
  switch (block.type) {
    case "heading":
      return createElement(
        `h${Math.min(block.level + 1, 6)}`,
        {
          className: `${headingClass[block.level - 1] ?? "text-sm font-semibold"} mt-5 text-zinc-900 first:mt-0`,
        },
        <InlineNodes nodes={block.children} />,
      );
    case "paragraph":
      return (
        <p className="leading-relaxed">
          <InlineNodes nodes={block.children} />
        </p>
      );
    case "code":
      return (
        <pre className="overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs leading-relaxed text-zinc-100">
          <code>{block.text}</code>
        </pre>
      );
    case "list": {
      const items = block.items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but their place
        <li key={i}>
          <InlineNodes nodes={item} />
        </li>
      ));
      return block.ordered ? (
        <ol className="list-decimal space-y-1 pl-5">{items}</ol>
      ) : (
        <ul className="list-disc space-y-1 pl-5">{items}</ul>
      );
    }
    case "quote":
      return (
        <blockquote className="border-l-2 border-zinc-300 pl-3 text-zinc-600">
          <InlineNodes nodes={block.children} />
        </blockquote>
      );
    case "rule":
      return <hr className="border-zinc-200" />;
    case "table":
      return (
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-left text-xs">
            <thead>
              <tr>
                {block.header.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <th key={i} className="border-b border-zinc-300 px-2 py-1 font-semibold">
                    <InlineNodes nodes={cell} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <tr key={r} className="border-b border-zinc-100 align-top">
                  {row.map((cell, c) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                    <td key={c} className="px-2 py-1">
                      <InlineNodes nodes={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

/**
 * A markdown document rendered safely (see above); headings start at h2 under the page's h1. A
 * leading heading that only repeats `title` (which the page already shows as its h1) is left out.
 */
export function Markdown({ source, title }: { source: string; title?: string }) {
  const blocks = parseMarkdown(source);
  const first = blocks[0];
  const repeatsTitle = first?.type === "heading" && inlineText(first.children).trim() === title?.trim();
  return (
    <div className="space-y-3 text-sm text-zinc-800">
      {(repeatsTitle ? blocks.slice(1) : blocks).map((block, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: blocks of one immutable document
        <BlockNode key={i} block={block} />
      ))}
    </div>
  );
}
