import { z } from "zod";

// The audit log of writes made through Sift's API, as admins read it.

export const auditListQuery = z.object({
  /** nextCursor of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, "use nextCursor from a previous page")
    .transform(Number)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.object({ sub: z.string(), name: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  /** The target's state before and after the write, as stored; null when there was none. */
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryBody = z.infer<typeof auditEntry>;

export const auditListResponse = z.object({ items: z.array(auditEntry), nextCursor: z.string().nullable() });
export type AuditListResponse = z.infer<typeof auditListResponse>;
