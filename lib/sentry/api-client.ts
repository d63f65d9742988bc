import { z } from "zod";
import { env } from "@/lib/env";
import { type SentryApiEvent, sentryApiEvent } from "./api-payload";
import { createSentryRequest, nextCursorOf, type SentryApiClientOptions } from "./api-request";
import { createSentryWrites, type SentryWrites } from "./api-writes";
import {
  type SentryCommitFile,
  type SentryReleaseCommit,
  sentryCommitFile,
  sentryReleaseCommit,
} from "./release-payload";
import { type SentryIssue, sentryIssue } from "./webhook-payload";

export type { SentryApiClientOptions } from "./api-request";

export type IssuePage = {
  issues: SentryIssue[];
  /** Entries of the page that did not match the issue shape; skipped, not fatal. */
  skipped: number;
  nextCursor: string | null;
};

export type SentryApiClient = SentryWrites & {
  /** The organisation slug every call is made for. */
  readonly org: string;
  /** The issue's newest event with its full body, or null when Sentry does not know the issue. */
  getLatestEvent(issueId: string): Promise<SentryApiEvent | null>;
  /**
   * One page (≤100) of the organisation's issues of any status last seen after `since`, most
   * recently seen first (operationId listOrganizationIssues). Pass `nextCursor` for the next page.
   */
  listIssuesSeenSince(since: Date, cursor?: string): Promise<IssuePage>;
  /**
   * One page of a release's commits (operationId listOrganizationReleaseCommits); null when
   * Sentry knows no such release.
   */
  listReleaseCommits(
    version: string,
    cursor?: string,
  ): Promise<{ commits: SentryReleaseCommit[]; nextCursor: string | null } | null>;
  /** The files the release's commits changed (…/commitfiles/); null when Sentry knows no such release. */
  listReleaseCommitFiles(version: string): Promise<SentryCommitFile[] | null>;
};

const issueArray = z.array(z.unknown());

export function createSentryApiClient(options: SentryApiClientOptions): SentryApiClient {
  const { request, failure } = createSentryRequest(options);

  return {
    org: options.org,
    ...createSentryWrites(request, failure),

    async getLatestEvent(issueId) {
      const response = await request("GET", `/issues/${encodeURIComponent(issueId)}/events/latest/`);
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) throw await failure(response);
      return sentryApiEvent.parse(await response.json());
    },

    async listIssuesSeenSince(since, cursor) {
      const query = new URLSearchParams({
        // Sentry's search syntax; an explicit query replaces the default "is:unresolved", so
        // resolved and ignored issues come too.
        query: `lastSeen:>${since.toISOString()}`,
        sort: "date",
        limit: "100",
        collapse: "stats",
      });
      if (cursor) query.set("cursor", cursor);
      const response = await request("GET", "/issues/", { query });
      if (!response.ok) throw await failure(response);
      const items = issueArray.parse(await response.json());
      const issues: SentryIssue[] = [];
      for (const item of items) {
        const parsed = sentryIssue.safeParse(item);
        if (parsed.success) issues.push(parsed.data);
      }
      return {
        issues,
        skipped: items.length - issues.length,
        nextCursor: nextCursorOf(response.headers.get("link")),
      };
    },

    async listReleaseCommits(version, cursor) {
      const query = cursor ? new URLSearchParams({ cursor }) : undefined;
      const response = await request("GET", `/releases/${encodeURIComponent(version)}/commits/`, { query });
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) throw await failure(response);
      return {
        commits: z.array(sentryReleaseCommit).parse(await response.json()),
        nextCursor: nextCursorOf(response.headers.get("link")),
      };
    },

    async listReleaseCommitFiles(version) {
      const response = await request("GET", `/releases/${encodeURIComponent(version)}/commitfiles/`);
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) throw await failure(response);
      return z.array(sentryCommitFile).parse(await response.json());
    },
  };
}

/** The client for the configured organisation, or null when SENTRY_API_TOKEN or SENTRY_ORG is unset. */
export function sentryApiClientFromEnv(): SentryApiClient | null {
  const { SENTRY_API_URL, SENTRY_API_TOKEN, SENTRY_ORG } = env;
  if (!SENTRY_API_TOKEN || !SENTRY_ORG) {
    if (SENTRY_API_TOKEN || SENTRY_ORG) {
      console.warn("[sift] SENTRY_API_TOKEN and SENTRY_ORG must both be set: Sentry API reads are off.");
    }
    return null;
  }
  return createSentryApiClient({ baseUrl: SENTRY_API_URL, token: SENTRY_API_TOKEN, org: SENTRY_ORG });
}
