import { z } from "zod";

// Bodies of the admin routes: per-project write-back settings and the job queue's dead letters.

export const writebackMode = z.enum(["off", "comment", "assign"]);
export type WritebackModeBody = z.infer<typeof writebackMode>;

export const projectParams = z.object({ projectId: z.string().regex(/^\d{1,20}$/, "project id is numeric") });

export const projectSettingsBody = z.strictObject({
  /** null: follow SIFT_WRITEBACK. */
  writeback: writebackMode.nullable(),
});
export type ProjectSettingsBody = z.infer<typeof projectSettingsBody>;

export const projectItem = z.object({
  id: z.string(),
  slug: z.string().nullable(),
  name: z.string().nullable(),
  platform: z.string().nullable(),
  /** The admin's override; null follows the default. */
  writeback: writebackMode.nullable(),
  /** What applies: the override, else the default. */
  effectiveWriteback: writebackMode,
  writebackChangedBy: z.string().nullable(),
  writebackChangedAt: z.string().nullable(),
});
export type ProjectItem = z.infer<typeof projectItem>;

export const projectListResponse = z.object({ defaultWriteback: writebackMode, items: z.array(projectItem) });
export type ProjectListResponse = z.infer<typeof projectListResponse>;

export const jobStatus = z.enum(["queued", "running", "done", "failed"]);

export const jobListQuery = z.object({
  status: jobStatus.default("failed"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const jobParams = z.object({
  jobId: z
    .string()
    .regex(/^\d{1,15}$/, "job id is numeric")
    .transform(Number),
});

export const jobItem = z.object({
  id: z.number(),
  kind: z.string(),
  subjectId: z.string(),
  status: jobStatus,
  attempts: z.number(),
  lastError: z.string().nullable(),
  runAfter: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobItem = z.infer<typeof jobItem>;

export const jobListResponse = z.object({ items: z.array(jobItem) });
export type JobListResponse = z.infer<typeof jobListResponse>;
