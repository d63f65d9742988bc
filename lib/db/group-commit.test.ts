import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit";

/** A writer whose statements finish when the test says so, recording each batch it was given. */
function controlledWriter(fail?: (items: number[]) => Error | undefined) {
  const batches: number[][] = [];
  const pending: Array<() => void> = [];
  const run = (items: number[]) => {
    batches.push(items);
    return new Promise<string[]>((resolve, reject) => {
      pending.push(() => {
        const error = fail?.(items);
        if (error) reject(error);
        else resolve(items.map((item) => `done ${item}`));
      });
    });
  };
  const finishNext = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, batches, finishNext };
}

describe("groupCommit", () => {
  it("sends a lone item at once, and groups what arrives while statements are in flight", async () => {
    const writer = controlledWriter();
    const write = groupCommit(writer.run, { maxBatch: 3, maxInFlight: 1, retryAlone: () => true });
    const results = [1, 2, 3, 4, 5, 6].map(write);
    expect(writer.batches).toEqual([[1]]);
    await writer.finishNext();
    expect(writer.batches).toEqual([[1], [2, 3, 4]]);
    await writer.finishNext();
    await writer.finishNext();
    expect(writer.batches).toEqual([[1], [2, 3, 4], [5, 6]]);
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `done ${n}`));
  });

  it("keeps up to maxInFlight statements going", async () => {
    const writer = controlledWriter();
    const write = groupCommit(writer.run, { maxBatch: 10, maxInFlight: 2, retryAlone: () => true });
    const results = [1, 2, 3, 4].map(write);
    expect(writer.batches).toEqual([[1], [2]]);
    await writer.finishNext();
    expect(writer.batches).toEqual([[1], [2], [3, 4]]);
    await writer.finishNext();
    await writer.finishNext();
    expect(await Promise.all(results)).toHaveLength(4);
  });

  it("retries a failed batch item by item, so one bad item fails only its own caller", async () => {
    const bad = new Error("value refused");
    const writer = controlledWriter((items) => (items.includes(3) ? bad : undefined));
    const write = groupCommit(writer.run, { maxBatch: 10, maxInFlight: 1, retryAlone: () => true });
    const results = [1, 2, 3, 4].map((item) => write(item).catch((error: Error) => error.message));
    for (let i = 0; i < 6; i++) await writer.finishNext();
    expect(await Promise.all(results)).toEqual(["done 1", "done 2", "value refused", "done 4"]);
    expect(writer.batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it("fails the whole batch at once when retrying alone cannot help (an outage)", async () => {
    const outage = new Error("Connection terminated");
    const writer = controlledWriter(() => outage);
    const write = groupCommit(writer.run, { maxBatch: 10, maxInFlight: 1, retryAlone: () => false });
    const results = [1, 2, 3].map((item) => write(item).catch((error: Error) => error.message));
    await writer.finishNext();
    await writer.finishNext();
    expect(await Promise.all(results)).toEqual(Array(3).fill("Connection terminated"));
    expect(writer.batches).toEqual([[1], [2, 3]]);
  });
});
