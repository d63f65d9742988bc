import { describe, expect, it } from "vitest";
import type { RawFrame } from "@/lib/analysis/types";
import { type ExceptionOnThread, type ThreadStack, withThreadStacks } from "./exception-stacks";

const frames = (...names: string[]): RawFrame[] => names.map((filename) => ({ filename }));
const exception = (type: string, over: Partial<ExceptionOnThread> = {}): ExceptionOnThread => ({
  type,
  value: null,
  module: null,
  threadId: null,
  frames: [],
  ...over,
});
const thread = (id: string, over: Partial<ThreadStack> = {}): ThreadStack => ({
  id,
  crashed: false,
  current: false,
  frames: frames(`thread-${id}.c`),
  ...over,
});
const files = (result: ReturnType<typeof withThreadStacks>) =>
  result.map((e) => [e.type, e.frames.map((f) => f.filename)]);

describe("withThreadStacks", () => {
  it("gives a frameless exception the thread it names, even when another thread crashed", () => {
    const result = withThreadStacks(
      [exception("SIGSEGV", { threadId: "7" })],
      [thread("1", { crashed: true }), thread("7")],
      [],
    );
    expect(files(result)).toEqual([["SIGSEGV", ["thread-7.c"]]]);
    expect(result[0]).not.toHaveProperty("threadId");
  });

  it("gives the primary the crashed thread, else the current one, else the only one", () => {
    const crashed = [thread("1", { current: true }), thread("2", { crashed: true })];
    expect(files(withThreadStacks([exception("E")], crashed, []))).toEqual([["E", ["thread-2.c"]]]);
    const current = [thread("1"), thread("2", { current: true })];
    expect(files(withThreadStacks([exception("E")], current, []))).toEqual([["E", ["thread-2.c"]]]);
    expect(files(withThreadStacks([exception("E")], [thread("9")], []))).toEqual([["E", ["thread-9.c"]]]);
    // Several unmarked threads: none is the error's.
    expect(files(withThreadStacks([exception("E")], [thread("1"), thread("2")], []))).toEqual([["E", []]]);
  });

  it("prefers the top-level stacktrace to a thread, and leaves exceptions with frames alone", () => {
    const threads = [thread("1", { crashed: true })];
    expect(files(withThreadStacks([exception("E")], threads, frames("top.py")))).toEqual([["E", ["top.py"]]]);
    const chain = [exception("Cause", { frames: frames("db.py") }), exception("Outer")];
    expect(files(withThreadStacks(chain, threads, frames("top.py")))).toEqual([
      ["Cause", ["db.py"]],
      ["Outer", []],
    ]);
  });

  it("gives a message event one typeless exception with the stack, or none without one", () => {
    expect(withThreadStacks([], [thread("1", { current: true })], [])).toEqual([
      { type: null, value: null, module: null, frames: frames("thread-1.c") },
    ]);
    expect(withThreadStacks([], [], [])).toEqual([]);
  });
});
