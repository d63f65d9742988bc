import { z } from "zod";
import type { SeerChange, SeerFinding, SeerPullRequest, SeerStages } from "@/lib/analysis/types";
import type { SameShape } from "./same-shape";

// Seer's findings as the API sends them; the types are defined once, in lib/analysis/types.ts.

const seerStep = z.object({
  title: z.string().nullable(),
  analysis: z.string().nullable(),
  file: z.string().nullable(),
  important: z.boolean(),
});

export const seerFinding = z.object({ description: z.string().nullable(), steps: z.array(seerStep) });
true satisfies SameShape<z.infer<typeof seerFinding>, SeerFinding>;

export const seerChange = z.object({
  repo: z.string().nullable(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  branch: z.string().nullable(),
});
true satisfies SameShape<z.infer<typeof seerChange>, SeerChange>;

export const seerPullRequest = z.object({
  url: z.string().nullable(),
  number: z.number().nullable(),
  repo: z.string().nullable(),
  provider: z.string().nullable(),
});
true satisfies SameShape<z.infer<typeof seerPullRequest>, SeerPullRequest>;

export const seerStages = z.record(z.string(), z.enum(["started", "completed"]));
true satisfies SameShape<z.infer<typeof seerStages>, SeerStages>;

export const seerRun = z.object({
  runId: z.string(),
  stages: seerStages,
  rootCause: seerFinding.nullable(),
  solution: seerFinding.nullable(),
  changes: z.array(seerChange),
  pullRequests: z.array(seerPullRequest),
  updatedAt: z.string(),
});
export type SeerRun = z.infer<typeof seerRun>;
