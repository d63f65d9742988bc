import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EnvelopeSink, startEnvelopeSink } from "@/test/envelope-sink";

type Post = typeof import("./route").POST;

// The real route against a local stand-in for Sentry's ingest, as Sift's own SENTRY_DSN.
let sink: EnvelopeSink;
let POST: Post;

beforeAll(async () => {
  sink = await startEnvelopeSink();
  process.env.SENTRY_DSN = sink.dsn;
  ({ POST } = await import("./route"));
});
afterAll(() => sink.close());

const envelope = (dsn: string, message: string) =>
  `${JSON.stringify({ dsn, event_id: "0".repeat(32) })}\n{"type":"event"}\n${JSON.stringify({ message })}\n`;

const post = (body: string, headers: Record<string, string> = {}) =>
  POST(new Request("http://localhost/api/tunnel", { method: "POST", body, headers }));

describe("POST /api/tunnel", () => {
  it("forwards an envelope for Sift's own project, and only the envelope", async () => {
    const res = await post(envelope(sink.dsn, "through the tunnel"), {
      cookie: "session=secret",
      authorization: "Bearer secret",
      "x-forwarded-for": "203.0.113.9",
    });
    expect(res.status).toBe(200);
    const received = await sink.waitFor((e) =>
      e.items.some((i) => (i.payload as { message?: string })?.message === "through the tunnel"),
    );
    expect(received.path).toBe("/api/1/envelope/");
    for (const header of ["cookie", "authorization", "x-forwarded-for"]) {
      expect(received.headers, header).not.toHaveProperty(header);
    }
  });

  const elsewhere: [string, () => string][] = [
    ["another host", () => "http://publickey@203.0.113.7:9000/1"],
    ["another project on Sift's Sentry", () => sink.dsn.replace(/\/1$/, "/2")],
  ];
  it.each(elsewhere)("refuses an envelope for %s with 400 and forwards nothing", async (_, dsn) => {
    const before = sink.envelopes().length;
    const res = await post(envelope(dsn(), "elsewhere"));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_request");
    expect(sink.envelopes().length).toBe(before);
  });

  it("refuses a body that is not an envelope, and one over 1 MiB", async () => {
    expect((await post("{not json")).status).toBe(400);
    const huge = envelope(sink.dsn, "x".repeat(1024 * 1024 + 1));
    expect((await post(huge)).status).toBe(413);
  });
});
