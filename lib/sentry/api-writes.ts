import { z } from "zod";
import type { SentryApiError } from "./api-errors";
import { nextCursorOf, type SentryRequest } from "./api-request";
import {
  type SentryAssignee,
  type SentryIssueUpdate,
  type SentryIssueWorkflow,
  type SentryNote,
  type SentryTeam,
  sentryIssueAssignment,
  sentryIssueWorkflow,
  sentryNote,
  sentryTeam,
} from "./api-write-payload";

export type CreatedComment = { id: string } | { duplicate: true };

export type SentryWrites = {
  /** Who the issue is assigned to now (null: nobody); undefined when Sentry does not know the issue. */
  getIssueAssignee(issueId: string): Promise<SentryAssignee | null | undefined>;
  /** Assigns the issue (`team:<id>`, `user:<id>`, …); returns the assignee Sentry reports back. */
  assignIssue(issueId: string, assignedTo: string): Promise<SentryAssignee | null>;
  /** The issue's status, substatus and assignee now; undefined when Sentry does not know the issue. */
  getIssueWorkflow(issueId: string): Promise<SentryIssueWorkflow | undefined>;
  /** Changes the issue's status or assignee; returns its state as Sentry reports it back. */
  updateIssue(issueId: string, change: SentryIssueUpdate): Promise<SentryIssueWorkflow>;
  /** Every team of the organisation, all pages. */
  listTeams(): Promise<SentryTeam[]>;
  /**
   * Posts a note. Sentry refuses the same text from the same user within an hour with 400 "You
   * have already posted that comment.": that answer is `{ duplicate: true }`, not an error.
   */
  createComment(issueId: string, text: string): Promise<CreatedComment>;
  /** Edits a note in place; false when it no longer exists (someone deleted it). */
  updateComment(issueId: string, noteId: string, text: string): Promise<boolean>;
  /** The issue's notes, newest first, all pages up to `maxPages`. */
  listComments(issueId: string, maxPages?: number): Promise<SentryNote[]>;
};

type Failure = (response: Response) => Promise<SentryApiError>;

const ALREADY_POSTED = "You have already posted that comment.";
const PER_PAGE = "100";
const MAX_PAGES = 20;
const entries = z.array(z.unknown());

function parseEach<T>(schema: z.ZodType<T>, items: unknown[]): T[] {
  return items.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export function createSentryWrites(request: SentryRequest, failure: Failure): SentryWrites {
  const issuePath = (issueId: string) => `/issues/${encodeURIComponent(issueId)}/`;

  async function listAll<T>(path: string, schema: z.ZodType<T>, maxPages: number): Promise<T[]> {
    const all: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < maxPages; page++) {
      const query = new URLSearchParams({ per_page: PER_PAGE });
      if (cursor) query.set("cursor", cursor);
      const response = await request("GET", path, { query });
      if (!response.ok) throw await failure(response);
      all.push(...parseEach(schema, entries.parse(await response.json())));
      cursor = nextCursorOf(response.headers.get("link"));
      if (!cursor) break;
    }
    return all;
  }

  return {
    async getIssueAssignee(issueId) {
      const response = await request("GET", issuePath(issueId));
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw await failure(response);
      return sentryIssueAssignment.parse(await response.json()).assignedTo ?? null;
    },

    async assignIssue(issueId, assignedTo) {
      const response = await request("PUT", issuePath(issueId), { body: { assignedTo } });
      if (!response.ok) throw await failure(response);
      return sentryIssueAssignment.parse(await response.json()).assignedTo ?? null;
    },

    async getIssueWorkflow(issueId) {
      const response = await request("GET", issuePath(issueId));
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw await failure(response);
      return sentryIssueWorkflow.parse(await response.json());
    },

    async updateIssue(issueId, change) {
      const response = await request("PUT", issuePath(issueId), { body: change });
      if (!response.ok) throw await failure(response);
      return sentryIssueWorkflow.parse(await response.json());
    },

    listTeams: () => listAll("/teams/", sentryTeam, MAX_PAGES),

    async createComment(issueId, text) {
      const response = await request("POST", `${issuePath(issueId)}comments/`, { body: { text } });
      if (response.status === 400) {
        const error = await failure(response);
        if (error.body.includes(ALREADY_POSTED)) return { duplicate: true };
        throw error;
      }
      if (!response.ok) throw await failure(response);
      return { id: sentryNote.parse(await response.json()).id };
    },

    async updateComment(issueId, noteId, text) {
      const path = `${issuePath(issueId)}comments/${encodeURIComponent(noteId)}/`;
      const response = await request("PUT", path, { body: { text } });
      if (response.status === 404) {
        await response.body?.cancel();
        return false;
      }
      if (!response.ok) throw await failure(response);
      await response.body?.cancel();
      return true;
    },

    listComments: (issueId, maxPages = MAX_PAGES) =>
      listAll(`${issuePath(issueId)}comments/`, sentryNote, maxPages),
  };
}
