import { ERROR_CATEGORIES } from "@/lib/analysis/types";

// The issue list's filter values and rules, without zod: issueListQuery (./issues.ts) builds its
// schema from them for the API, and the list page checks URL values against them in the browser,
// whose JavaScript carries no zod.

/** Sentry's event levels, most to least severe. */
export const issueLevels = ["fatal", "error", "warning", "info", "debug"] as const;
/** "Last seen within": the list's preset time ranges; `start`/`end` give a custom one. */
export const issuePeriods = ["1h", "24h", "7d", "30d"] as const;
export const issueSorts = ["lastSeen", "users", "tenants", "events", "priority"] as const;
export const issueStatuses = ["unresolved", "resolved", "ignored"] as const;
export const priorityTiers = ["P0", "P1", "P2", "P3"] as const;
export const issueCategories = ERROR_CATEGORIES;

/** Free-text filters: longer ones are refused. */
export const filterTextMaxLength = 200;
/** PostgreSQL text cannot hold U+0000: a NUL in a filter would fail the query. */
export const hasNul = (value: string) => value.includes("\u0000");
export const incidentIdPattern = /^\d{1,18}$/;
