import "server-only";
import { readFileSync } from "node:fs";
import { parseTenantTiers } from "@/lib/analysis/tenant-tiers";
import type { TenantTier } from "@/lib/analysis/types";
import { env } from "@/lib/env";

/**
 * Tenant tiers from SIFT_TENANT_TIERS_FILE when set, else SIFT_TENANT_TIERS; a malformed one throws
 * naming its source. The worker reads them at start-up to weigh priorities, the tenant page to show
 * the tier the priorities were weighed with.
 */
export function tenantTiersFromEnv(): Map<string, TenantTier> {
  const file = env.SIFT_TENANT_TIERS_FILE;
  const source = file ? `SIFT_TENANT_TIERS_FILE (${file})` : "SIFT_TENANT_TIERS";
  try {
    return parseTenantTiers(file ? readFileSync(file, "utf8") : env.SIFT_TENANT_TIERS);
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`);
  }
}
