import { runInNewContext } from "node:vm";
import { InfiniteQueryObserver, QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { storedUserKey } from "@/lib/auth/stored-session";
import {
  EARLY_LIST_GLOBAL,
  earlyListPath,
  earlyListPathFromHeader,
  earlyListScript,
} from "./early-list-request";
import { takeAnsweredIssueList, takePrefetchedIssueList } from "./issue-list-prefetch";
import { issuesQueryOptions } from "./issues";

const session = { issuer: "https://idp.example", clientId: "sift-web" };
const answer = { items: [{ id: "1" }], nextCursor: null };

/**
 * Opens `url` as the browser would: the proxy names the request, the layout's script runs in a
 * context holding only the browser globals it may use (so a reference to anything of the module's
 * own fails here), and what it leaves on `window` is the window the list's query later reads.
 */
function openPage(
  url: string,
  { expiresIn = 300, signedIn = true, respond = async () => Response.json(answer) } = {},
) {
  const { pathname, searchParams } = new URL(url, "https://sift.example");
  const stored = new Map<string, string>();
  if (signedIn)
    stored.set(
      storedUserKey(session),
      JSON.stringify({ access_token: "stored-token", expires_at: Date.now() / 1000 + expiresIn }),
    );
  const fetch = vi.fn(respond);
  const window: Record<string, unknown> = {
    localStorage: { getItem: (key: string) => stored.get(key) ?? null },
  };
  vi.stubGlobal("window", window);
  const path = earlyListPath(pathname, searchParams);
  if (path) {
    const script = earlyListScript(path, storedUserKey(session));
    runInNewContext(script, { window, fetch, performance, Date, JSON });
  }
  return { fetch, path, window };
}

const sentTo = (fetch: ReturnType<typeof openPage>["fetch"]) =>
  fetch.mock.calls.map((call) => {
    const [path, init] = call as unknown as [string, RequestInit];
    return { path, authorization: new Headers(init.headers).get("Authorization") };
  });

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the list's request from the page's first script", () => {
  it("asks for what the list's query will ask for, once, with the stored token", async () => {
    const { fetch } = openPage("/issues?sort=users&q=%20timeout%20&level=bogus&status=unresolved");
    expect(sentTo(fetch)).toEqual([
      { path: "/api/issues?q=timeout&sort=users&status=unresolved", authorization: "Bearer stored-token" },
    ]);
    // The list page's hook reads the same URL: { q: "timeout", sort: "users", status: "unresolved" }.
    const data = await new QueryClient().fetchInfiniteQuery(
      issuesQueryOptions({ status: "unresolved", sort: "users", q: "timeout" }),
    );
    expect(data.pages).toEqual([answer]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("is the list's first data when its answer is in before the list asks", async () => {
    const { fetch } = openPage("/issues?status=resolved");
    await settled();
    // The app's staleTime (app/providers.tsx): fresh data is not fetched again on mount.
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } });
    const options = issuesQueryOptions({ status: "resolved" });
    // What useInfiniteQuery renders first.
    expect(new InfiniteQueryObserver(client, options).getCurrentResult()).toMatchObject({
      status: "success",
      data: { pages: [answer], pageParams: [null] },
    });
    const data = await client.fetchInfiniteQuery(options);
    expect(data.pages).toEqual([answer]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("is taken once: a refresh or another filter asks the API itself", async () => {
    openPage("/issues");
    expect(takePrefetchedIssueList("/api/issues?sort=users")).toBeNull();
    expect(takePrefetchedIssueList("/api/issues?")).toBeNull();

    openPage("/issues");
    await expect(takePrefetchedIssueList("/api/issues?")).resolves.toEqual(answer);
    expect(takePrefetchedIssueList("/api/issues?")).toBeNull();
  });

  it("hands a refusal on as the API call's error, and never as the list's first data", async () => {
    const refused = async () =>
      Response.json({ error: { code: "invalid_token", message: "expired" } }, { status: 401 });
    openPage("/issues", { respond: refused });
    await settled();
    expect(takeAnsweredIssueList("/api/issues?")).toBeNull();

    openPage("/issues", { respond: refused });
    await expect(takePrefetchedIssueList("/api/issues?")).rejects.toMatchObject({
      status: 401,
      code: "invalid_token",
    });
    // The list's query then asks the usual way (./issues.ts), which renews the token first.
    openPage("/issues", { respond: async () => new Response("<html>proxy error</html>", { status: 200 }) });
    await expect(takePrefetchedIssueList("/api/issues?")).rejects.toMatchObject({ code: "invalid_response" });
  });

  it("is not sent from other pages, when signed out, or with a token about to expire", () => {
    for (const [url, options] of [
      ["/issues/42", {}],
      ["/tenants/acme", {}],
      ["/issues", { signedIn: false }],
      ["/issues", { expiresIn: 10 }],
    ] as const) {
      const { fetch, window } = openPage(url, options);
      expect(fetch, url).not.toHaveBeenCalled();
      expect(window[EARLY_LIST_GLOBAL], url).toBeUndefined();
    }
  });

  it("keeps the script's text inert whatever the URL holds", () => {
    const hostile = "/issues?q=%3C/script%3E%3Cscript%3Ealert(1)%3C/script%3E\u2028";
    const { path } = openPage(hostile);
    const script = earlyListScript(path ?? "", "oidc.user:</script>:x\u2028");
    expect(script).not.toMatch(/<\/script/i);
    expect(script).not.toContain("\u2028");
  });

  it("takes from the request header only a list API path (the proxy does not see every request)", () => {
    expect(earlyListPathFromHeader("/api/issues?sort=users")).toBe("/api/issues?sort=users");
    expect(earlyListPathFromHeader(null)).toBeNull();
    expect(earlyListPathFromHeader("/api/admin/jobs?")).toBeNull();
    expect(earlyListPathFromHeader("https://evil.example/api/issues?")).toBeNull();
  });

  it("does not stop the page when storage is refused", () => {
    const script = earlyListScript("/api/issues?", storedUserKey(session));
    const window = {
      get localStorage(): Storage {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    };
    expect(() => runInNewContext(script, { window, fetch, performance, Date, JSON })).not.toThrow();
  });
});
