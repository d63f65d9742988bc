import type { OwnerExample, OwnerQuery } from "./learned-owner";
import { type StackEvent, traceInputOf } from "./similar-issue-terms";

/**
 * An issue as the learned owner model reads it: its newest event's in-app frames (all frames when
 * none is in-app), exception and message, and its title. In-app frames name the code areas that
 * map to teams; library frames are shared by everyone's crashes. Training examples and queries go
 * through this one function, so both read issues alike. `at` is when the issue was first seen
 * (epoch ms). O(frames).
 */
export function ownerQueryOf(event: StackEvent | null, title: string, at: number): OwnerQuery {
  if (!event) return { traces: [], text: title, at };
  const inApp = event.frames.filter((f) => f.inApp);
  const traces = traceInputOf({ ...event, frames: inApp.length > 0 ? inApp : event.frames });
  return { traces, text: title, at };
}

/** A past issue whose owner the team settled, as a training example (see ownerQueryOf). */
export function ownerExampleOf(
  issue: { id: string; title: string; firstSeen: number },
  label: string,
  event: StackEvent | null,
): OwnerExample {
  const { traces, text, at } = ownerQueryOf(event, issue.title, issue.firstSeen);
  return { id: issue.id, label, at, traces, text };
}
