import "server-only";
import { parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import { env } from "@/lib/env";
import type { AnalysisSettings } from "./analyse-issue-job";

/** Ownership rules come from SIFT_OWNERSHIP_RULES, one Sentry rule a line (a literal "\n" also separates). */
export function analysisSettingsFromEnv(): AnalysisSettings {
  return {
    rules: parseOwnershipRules(env.SIFT_OWNERSHIP_RULES.replaceAll("\\n", "\n")),
    fallbackOwner: env.SIFT_TRIAGE_TEAM,
  };
}
