import { asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { issues, projects, sentryInstallations } from "../schema";

export type InstallationRow = typeof sentryInstallations.$inferSelect;

/** The job that trades an installation's grant code for its first token pair (lib/installations). */
export const EXCHANGE_GRANT_JOB = "exchange_grant";

export type InstalledApp = {
  uuid: string;
  orgSlug: string;
  orgId: string | null;
  appSlug: string | null;
  status: "pending" | "installed";
  grantCode: string | null;
};

/**
 * Records an installation from installation.created. A replay keeps what is there: an installation
 * that already has tokens, or was deleted, takes no new grant code. Returns whether a grant code is
 * now waiting for its exchange.
 */
export async function recordInstallation(db: Database, app: InstalledApp): Promise<boolean> {
  const t = sentryInstallations;
  const [row] = await db
    .insert(t)
    .values({ ...app, grantReceivedAt: app.grantCode ? sql`now()` : null })
    .onConflictDoUpdate({
      target: t.uuid,
      set: {
        orgSlug: sql`excluded.org_slug`,
        orgId: sql`coalesce(excluded.org_id, ${t.orgId})`,
        appSlug: sql`coalesce(excluded.app_slug, ${t.appSlug})`,
        grantCode: sql`case when ${t.tokenCiphertext} is null and ${t.status} <> 'deleted' then coalesce(${t.grantCode}, excluded.grant_code) end`,
        grantReceivedAt: sql`case when ${t.tokenCiphertext} is null and ${t.status} <> 'deleted' then coalesce(${t.grantReceivedAt}, excluded.grant_received_at) end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ grantCode: t.grantCode });
  return Boolean(row?.grantCode);
}

/** installation.deleted: every call for the organisation stops; its secrets are forgotten. */
export async function markInstallationDeleted(
  db: Database,
  app: Pick<InstalledApp, "uuid" | "orgSlug" | "orgId" | "appSlug">,
): Promise<void> {
  const gone = {
    status: "deleted" as const,
    grantCode: null,
    grantReceivedAt: null,
    tokenCiphertext: null,
    refreshTokenCiphertext: null,
    tokenExpiresAt: null,
    deletedAt: sql`now()`,
    updatedAt: sql`now()`,
  };
  await db
    .insert(sentryInstallations)
    .values({ ...app, ...gone })
    .onConflictDoUpdate({ target: sentryInstallations.uuid, set: gone });
}

export async function getInstallation(db: Database, uuid: string): Promise<InstallationRow | null> {
  const [row] = await db
    .select()
    .from(sentryInstallations)
    .where(eq(sentryInstallations.uuid, uuid))
    .limit(1);
  return row ?? null;
}

/** The row, locked until the transaction ends: one refresh or exchange at a time per installation. */
export async function lockInstallation(tx: Database, uuid: string): Promise<InstallationRow | null> {
  const [row] = await tx
    .select()
    .from(sentryInstallations)
    .where(eq(sentryInstallations.uuid, uuid))
    .for("update");
  return row ?? null;
}

/** Stores a new sealed token pair; the grant code is spent, so it goes too. */
export async function saveInstallationTokens(
  db: Database,
  uuid: string,
  tokens: { tokenCiphertext: string; refreshTokenCiphertext: string; tokenExpiresAt: Date },
): Promise<void> {
  await db
    .update(sentryInstallations)
    .set({
      ...tokens,
      status: "installed",
      grantCode: null,
      grantReceivedAt: null,
      updatedAt: sql`now()`,
    })
    .where(eq(sentryInstallations.uuid, uuid));
}

export async function clearGrantCode(db: Database, uuid: string): Promise<void> {
  await db
    .update(sentryInstallations)
    .set({ grantCode: null, grantReceivedAt: null, updatedAt: sql`now()` })
    .where(eq(sentryInstallations.uuid, uuid));
}

/**
 * Marks the project of the issue as belonging to the organisation of the installation that
 * delivered it. Writes nothing when the installation is unknown (an internal integration's) or the
 * project already has that organisation.
 */
export async function recordProjectOrg(
  db: Database,
  issueId: string,
  installationUuid: string,
): Promise<void> {
  await db.execute(sql`
    update ${projects} set org_slug = i.org_slug
    from ${issues} s, ${sentryInstallations} i
    where s.id = ${issueId} and ${projects.id} = s.project_id and i.uuid = ${installationUuid}
      and ${projects.orgSlug} is distinct from i.org_slug`);
}

export type IssueOrg = {
  orgSlug: string | null;
  /** The organisation's installation: its newest live one, else its newest deleted one. */
  installation: Pick<InstallationRow, "uuid" | "orgSlug" | "status"> | null;
};

/** The organisation of an issue's project, and how Sift is installed there; null for an unknown issue. */
export async function getIssueOrg(db: Database, issueId: string): Promise<IssueOrg | null> {
  const [project] = await db
    .select({ orgSlug: projects.orgSlug })
    .from(issues)
    .innerJoin(projects, eq(projects.id, issues.projectId))
    .where(eq(issues.id, issueId))
    .limit(1);
  if (!project) return null;
  if (!project.orgSlug) return { orgSlug: null, installation: null };
  const [installation] = await db
    .select({
      uuid: sentryInstallations.uuid,
      orgSlug: sentryInstallations.orgSlug,
      status: sentryInstallations.status,
    })
    .from(sentryInstallations)
    .where(eq(sentryInstallations.orgSlug, project.orgSlug))
    .orderBy(asc(sql`${sentryInstallations.status} = 'deleted'`), desc(sentryInstallations.createdAt))
    .limit(1);
  return { orgSlug: project.orgSlug, installation: installation ?? null };
}
