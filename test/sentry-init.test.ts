import { afterEach, describe, expect, it, vi } from "vitest";

// The server's Sentry configuration files, run as Next runs them, against a stand-in SDK.
const init = vi.fn();
vi.mock("@sentry/nextjs", () => ({ init }));

describe("Sift's own Sentry SDK on the server", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
    init.mockClear();
  });

  for (const file of ["../sentry.server.config", "../sentry.edge.config"]) {
    it(`${file.slice(3)}: not started without a DSN (a disabled SDK still cost every request ~1 ms)`, async () => {
      vi.stubEnv("SENTRY_DSN", "");
      await import(file);
      expect(init).not.toHaveBeenCalled();
    });

    it(`${file.slice(3)}: started with the DSN, and a bad setting still stops start-up without one`, async () => {
      vi.stubEnv("SENTRY_DSN", "https://public@sentry.example/1");
      await import(file);
      expect(init).toHaveBeenCalledWith(
        expect.objectContaining({ dsn: "https://public@sentry.example/1", enabled: true }),
      );
      vi.resetModules();
      vi.stubEnv("SENTRY_DSN", "");
      vi.stubEnv("SENTRY_TRACES_SAMPLE_RATE", "2");
      await expect(import(file)).rejects.toThrow(/SENTRY_TRACES_SAMPLE_RATE/);
    });
  }
});
