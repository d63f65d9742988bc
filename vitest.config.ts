import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

// `server-only` throws outside Next's react-server graph; under vitest it is a no-op.
const alias = {
  "@": root,
  "server-only": path.join(root, "test/empty-module.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    passWithNoTests: false,
    // Vitest's default leaves a core free (one worker on two cores); the data-layer suites spend
    // much of their time waiting on PostgreSQL, so every core runs one.
    maxWorkers: availableParallelism(),
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "app/**/*.test.ts",
            "dev/**/*.test.ts",
            "test/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
          exclude: ["**/*.db.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: [
            "lib/**/*.db.test.ts",
            "app/**/*.db.test.ts",
            "scripts/**/*.db.test.ts",
            "test/**/*.db.test.ts",
          ],
          environment: "node",
          globalSetup: ["test/pglite-copy-setup.ts", "test/worker-databases-teardown.ts"],
          // Each worker's suites have a PostgreSQL database of their own, so files run side by side.
          setupFiles: ["test/worker-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
