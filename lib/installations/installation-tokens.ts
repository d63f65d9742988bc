import type { Database } from "@/lib/db/connect";
import {
  clearGrantCode,
  getInstallation,
  type InstallationRow,
  lockInstallation,
  saveInstallationTokens,
} from "@/lib/db/queries/installations";
import { SentryApiError } from "@/lib/sentry/api-errors";
import {
  type AppAuthorizationOptions,
  type AppCredentials,
  type AppTokens,
  requestAppTokens,
} from "@/lib/sentry/app-authorizations";
import { decryptSecret, encryptSecret, type Keyring } from "./token-cipher";

/** What Sift needs to act as a Sentry public integration. */
export type InstallationSettings = {
  api: AppAuthorizationOptions;
  credentials: AppCredentials;
  keyring: Keyring;
  /** A token with less than this left is refreshed before use (default 10 minutes). */
  refreshMarginMs?: number;
  now?: () => Date;
};

/** The installation was deleted, is unknown, or has no token (yet): no call may be made for it. */
export class InstallationUnavailableError extends Error {
  constructor(
    readonly uuid: string,
    reason: string,
  ) {
    super(`Sentry installation ${uuid}: ${reason}`);
    this.name = "InstallationUnavailableError";
  }
}

// Sentry's ApiGrant lives ten minutes; a code older than that is refused anyway.
const GRANT_LIFETIME_MS = 10 * 60_000;
const DEFAULT_REFRESH_MARGIN_MS = 10 * 60_000;

const contextOf = (uuid: string, column: "token" | "refresh_token") =>
  `sentry_installation:${uuid}:${column}`;

function seal(settings: InstallationSettings, uuid: string, tokens: AppTokens) {
  return {
    tokenCiphertext: encryptSecret(settings.keyring, tokens.token, contextOf(uuid, "token")),
    refreshTokenCiphertext: encryptSecret(
      settings.keyring,
      tokens.refreshToken,
      contextOf(uuid, "refresh_token"),
    ),
    tokenExpiresAt: tokens.expiresAt,
  };
}

function usable(uuid: string, row: InstallationRow | null): InstallationRow & { tokenCiphertext: string } {
  if (!row) throw new InstallationUnavailableError(uuid, "unknown");
  if (row.status === "deleted") throw new InstallationUnavailableError(uuid, "deleted in Sentry");
  if (!row.tokenCiphertext)
    throw new InstallationUnavailableError(uuid, "its grant code was not exchanged yet");
  return row as InstallationRow & { tokenCiphertext: string };
}

export type ExchangeOutcome = "exchanged" | "nothing_to_exchange" | "expired";

/**
 * Trades the installation's grant code for its first token pair, once: the row is locked for the
 * call, the code is cleared in the transaction that stores the sealed tokens, and a replay finds no
 * code. A code Sentry refuses (4xx) or past its ten minutes is cleared too (the organisation must
 * reinstall); a 5xx or timeout keeps it for the job's retry. Sentry's 201 followed by a failed commit
 * loses the pair: nothing can prevent that, since the code is spent on Sentry's side.
 */
export async function exchangeGrantCode(
  db: Database,
  uuid: string,
  settings: InstallationSettings,
): Promise<ExchangeOutcome> {
  const now = settings.now?.() ?? new Date();
  let failure: unknown = null;
  const outcome = await db.transaction(async (tx): Promise<ExchangeOutcome> => {
    const row = await lockInstallation(tx, uuid);
    if (!row?.grantCode || row.status === "deleted" || row.tokenCiphertext) {
      if (row?.grantCode) await clearGrantCode(tx, uuid);
      return "nothing_to_exchange";
    }
    if (row.grantReceivedAt && now.getTime() - row.grantReceivedAt.getTime() > GRANT_LIFETIME_MS) {
      await clearGrantCode(tx, uuid);
      return "expired";
    }
    try {
      const tokens = await requestAppTokens(
        settings.api,
        uuid,
        { grant_type: "authorization_code", code: row.grantCode },
        settings.credentials,
      );
      await saveInstallationTokens(tx, uuid, seal(settings, uuid, tokens));
      return "exchanged";
    } catch (error) {
      failure = error;
      const spent = error instanceof SentryApiError && error.status >= 400 && error.status < 500;
      if (spent && error.status !== 429) await clearGrantCode(tx, uuid);
      return "nothing_to_exchange";
    }
  });
  if (failure) throw failure;
  return outcome;
}

/**
 * The installation's current token, refreshed first when it expires within the margin. Refresh
 * tokens are single use, so a refresh runs once however many workers and processes need the token
 * at the same moment: each takes the row's lock, and whoever gets it second re-reads the row and
 * finds the new token instead of spending the old refresh token again.
 */
export async function getInstallationToken(
  db: Database,
  uuid: string,
  settings: InstallationSettings,
): Promise<string> {
  const margin = settings.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const fresh = (row: InstallationRow) =>
    (row.tokenExpiresAt?.getTime() ?? 0) - margin > (settings.now?.() ?? new Date()).getTime();
  const open = (row: InstallationRow & { tokenCiphertext: string }) =>
    decryptSecret(settings.keyring, row.tokenCiphertext, contextOf(uuid, "token"));

  const seen = usable(uuid, await getInstallation(db, uuid));
  if (fresh(seen)) return open(seen);
  return db.transaction(async (tx) => {
    const row = usable(uuid, await lockInstallation(tx, uuid));
    if (fresh(row)) return open(row);
    if (!row.refreshTokenCiphertext) throw new InstallationUnavailableError(uuid, "no refresh token");
    const refreshToken = decryptSecret(
      settings.keyring,
      row.refreshTokenCiphertext,
      contextOf(uuid, "refresh_token"),
    );
    const tokens = await requestAppTokens(
      settings.api,
      uuid,
      { grant_type: "refresh_token", refresh_token: refreshToken },
      settings.credentials,
    );
    await saveInstallationTokens(tx, uuid, seal(settings, uuid, tokens));
    return tokens.token;
  });
}
