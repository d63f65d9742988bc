import "server-only";
import { normaliseOwner, parseOwnershipRules } from "@/lib/analysis/ownership-rules";
import { env } from "@/lib/env";

/**
 * The owners a triager may pick from: every owner the ownership rules name, then the owners people
 * named (Sentry team assignees, earlier corrections), each written as rules write it, once.
 */
export function knownOwners(named: string[]): string[] {
  const rules = parseOwnershipRules(env.SIFT_OWNERSHIP_RULES.replaceAll("\\n", "\n"));
  const all = [...rules.flatMap((r) => r.owners), ...named.map(normaliseOwner)];
  return [...new Set(all.filter((o): o is string => o !== null))];
}
