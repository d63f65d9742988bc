import { z } from "zod";
import { isoDate, nullableString } from "./webhook-payload";

// A release's commits as Sentry's Web API returns them; only the fields Sift reads.

// A Sentry user (with name and email), a bare {name, email}, or {} when no author is mapped.
const author = z.looseObject({ name: nullableString, email: nullableString }).nullish();

/** One entry of `GET …/releases/{version}/commits/` (operationId listOrganizationReleaseCommits). */
export const sentryReleaseCommit = z.looseObject({
  id: z.string().min(1),
  message: nullableString,
  dateCreated: isoDate,
  repository: z.looseObject({ name: z.string() }).nullish(),
  author,
});
export type SentryReleaseCommit = z.infer<typeof sentryReleaseCommit>;

/**
 * One entry of `GET …/releases/{version}/commitfiles/`: a file a commit of the release changed.
 * Sentry's CommitFileChangeSerializer names the commit only by its message and repository, not
 * its sha; the published schema describes no body at all.
 */
export const sentryCommitFile = z.looseObject({
  filename: z.string().min(1),
  commitMessage: nullableString,
  repoName: nullableString,
  author,
});
export type SentryCommitFile = z.infer<typeof sentryCommitFile>;
