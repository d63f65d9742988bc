import { InfiniteQueryObserver, QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { storedUserKey } from "@/lib/auth/stored-session";
import { prefetchIssueList, takePrefetchedIssueList } from "./issue-list-prefetch";
import { issuesQueryOptions } from "./issues";

const session = { issuer: "https://idp.example", clientId: "sift-web" };
const answer = { items: [{ id: "1" }], nextCursor: null };

/** The page as instrumentation-client.ts finds it: a URL, the <html> attributes, stored user, fetch. */
function openPage(url: string, { expiresIn = 300, signedIn = true } = {}) {
  const { pathname, search } = new URL(url, "https://sift.example");
  const stored = new Map<string, string>();
  if (signedIn)
    stored.set(
      storedUserKey(session),
      JSON.stringify({ access_token: "stored-token", expires_at: Date.now() / 1000 + expiresIn }),
    );
  // What app/layout.tsx's data-oidc-* attributes read as (lib/auth/stored-session.test.ts checks the pair).
  const dataset = { oidcIssuer: session.issuer, oidcClientId: session.clientId };
  vi.stubGlobal("window", {
    location: { pathname, search },
    localStorage: { getItem: (key: string) => stored.get(key) ?? null },
  });
  vi.stubGlobal("document", { documentElement: { dataset } });
  const fetch = vi.fn(async () => Response.json(answer));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

const sentTo = (fetch: ReturnType<typeof openPage>) =>
  fetch.mock.calls.map((call) => {
    const [path, init] = call as unknown as [string, RequestInit];
    return { path, authorization: new Headers(init.headers).get("Authorization") };
  });

afterEach(() => {
  takePrefetchedIssueList("");
  vi.unstubAllGlobals();
});

describe("the list's request before hydration", () => {
  it("asks for what the list's query will ask for, once, with the stored token", async () => {
    const fetch = openPage("/issues?sort=users&q=%20timeout%20&level=bogus&status=unresolved");
    prefetchIssueList();
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
    const fetch = openPage("/issues?status=resolved");
    prefetchIssueList();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 0));
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
    prefetchIssueList();
    expect(takePrefetchedIssueList("/api/issues?sort=users")).toBeNull();
    expect(takePrefetchedIssueList("/api/issues?")).toBeNull();

    openPage("/issues");
    prefetchIssueList();
    await expect(takePrefetchedIssueList("/api/issues?")).resolves.toEqual(answer);
    expect(takePrefetchedIssueList("/api/issues?")).toBeNull();
  });

  it("is not sent from other pages, when signed out, or with a token about to expire", () => {
    for (const [url, options] of [
      ["/issues/42", {}],
      ["/tenants/acme", {}],
      ["/issues", { signedIn: false }],
      ["/issues", { expiresIn: 10 }],
    ] as const) {
      const fetch = openPage(url, options);
      prefetchIssueList();
      expect(fetch, url).not.toHaveBeenCalled();
    }
  });
});
