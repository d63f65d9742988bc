import "server-only";
import type { JobItem, ProjectItem, WritebackModeBody } from "@/lib/contracts/admin";
import type { Job } from "@/lib/db/queries/jobs";
import type { ProjectRow } from "@/lib/db/queries/projects";

// Rows of the admin routes become response bodies here, as issue rows do in issue-bodies.ts.

export function toProjectItem(row: ProjectRow, defaultWriteback: WritebackModeBody): ProjectItem {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    platform: row.platform,
    writeback: row.writeback,
    effectiveWriteback: row.writeback ?? defaultWriteback,
    writebackChangedBy: row.writebackChangedBy,
    writebackChangedAt: row.writebackChangedAt?.toISOString() ?? null,
  };
}

export function toJobItem(job: Job): JobItem {
  return {
    id: job.id,
    kind: job.kind,
    subjectId: job.subjectId,
    status: job.status,
    attempts: job.attempts,
    lastError: job.lastError,
    runAfter: job.runAfter.toISOString(),
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
