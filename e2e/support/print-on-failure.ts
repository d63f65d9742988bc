import { test } from "@playwright/test";

/**
 * After each failed test of the file, prints what the processes it started printed (servers started
 * quiet keep only the tail), so a CI log shows why without drowning passing runs in fault noise.
 */
export function printOutputOnFailure(sources: () => Record<string, string | undefined>): void {
  test.afterEach(() => {
    const info = test.info();
    if (info.status === info.expectedStatus) return;
    for (const [name, output] of Object.entries(sources())) {
      if (output) console.log(`--- ${name} printed (tail):\n${output}`);
    }
  });
}
