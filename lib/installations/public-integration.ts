import type { InstallationSettings } from "./installation-tokens";

/** The public integration's settings, or why they are unusable (said by every job that needs them). */
export type PublicIntegration = InstallationSettings | { error: string };

export function installationSettingsOrThrow(integration: PublicIntegration | null): InstallationSettings {
  if (!integration) {
    throw new Error(
      "Sentry public integration is not configured: set SENTRY_CLIENT_ID and SIFT_ENCRYPTION_KEY",
    );
  }
  if ("error" in integration) throw new Error(integration.error);
  return integration;
}
