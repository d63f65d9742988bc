import { gzipSync } from "node:zlib";
import { defaultStackParser, makeNodeTransport, NodeClient } from "@sentry/nextjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type EnvelopeSink, hasErrorEvent, parseEnvelope, startEnvelopeSink } from "./envelope-sink";

let sink: EnvelopeSink;

beforeEach(async () => {
  sink = await startEnvelopeSink();
});

afterEach(async () => {
  await sink.close();
});

// A real SDK client (not the global hub) so the test sees exactly what production code would send.
function createClient(dsn: string): NodeClient {
  const client = new NodeClient({
    dsn,
    transport: makeNodeTransport,
    stackParser: defaultStackParser,
    integrations: [],
    tracesSampleRate: 0,
  });
  client.init();
  return client;
}

describe("startEnvelopeSink", () => {
  it("receives an error event captured by the real SDK", async () => {
    const client = createClient(sink.dsn);
    const eventId = client.captureException(new Error("sink test error"));
    await client.flush(2000);

    const envelope = await sink.waitFor((e) => hasErrorEvent(e, "sink test error"), 2000);
    expect(envelope.path).toBe("/api/1/envelope/");
    expect(envelope.header.event_id).toBe(eventId);
    const item = envelope.items.find((i) => i.type === "event");
    expect(item?.payload).toMatchObject({
      event_id: eventId,
      exception: { values: [{ type: "Error", value: "sink test error" }] },
    });
  });

  it("decompresses the gzip body the SDK uses for large envelopes", async () => {
    const client = createClient(sink.dsn);
    // The node transport gzips bodies above 32 KiB.
    client.captureEvent({ message: "big message", level: "info", extra: { padding: "x".repeat(64 * 1024) } });
    await client.flush(2000);

    const envelope = await sink.waitFor((e) => hasErrorEvent(e, "big message"), 2000);
    expect(envelope.encoding).toBe("gzip");
    expect(envelope.items[0]?.payload).toMatchObject({ message: "big message" });
  });

  it("honours item lengths, so payloads may contain newlines", async () => {
    const attachment = Buffer.from("line one\nline two\n");
    const body = Buffer.concat([
      Buffer.from(`${JSON.stringify({ event_id: "a".repeat(32) })}\n`),
      Buffer.from(
        `${JSON.stringify({ type: "attachment", length: attachment.length, filename: "log.txt" })}\n`,
      ),
      attachment,
      Buffer.from("\n"),
      Buffer.from(
        `${JSON.stringify({ type: "event" })}\n${JSON.stringify({ message: "after attachment" })}\n`,
      ),
    ]);
    const response = await fetch(`http://127.0.0.1:${sink.port}/api/1/envelope/`, {
      method: "POST",
      headers: { "content-encoding": "gzip" },
      body: gzipSync(body),
    });
    expect(response.status).toBe(200);

    const [envelope] = sink.envelopes();
    expect(envelope?.items.map((i) => i.type)).toEqual(["attachment", "event"]);
    expect(envelope?.items[0]?.raw.toString()).toBe("line one\nline two\n");
    expect(envelope?.items[1]?.payload).toEqual({ message: "after attachment" });
  });

  it("accepts the legacy store endpoint as a single event", async () => {
    await fetch(`http://127.0.0.1:${sink.port}/api/1/store/`, {
      method: "POST",
      body: JSON.stringify({ event_id: "b".repeat(32), message: "stored" }),
    });
    const envelope = await sink.waitFor((e) => hasErrorEvent(e, "stored"), 1000);
    expect(envelope.header.event_id).toBe("b".repeat(32));
  });

  it("times out when nothing matches", async () => {
    await expect(sink.waitFor(() => false, 50)).rejects.toThrow(/No matching envelope/);
  });
});

describe("parseEnvelope", () => {
  it("tolerates a missing trailing newline and length-less items", () => {
    const parsed = parseEnvelope(Buffer.from('{}\n{"type":"event"}\n{"message":"x"}'));
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]?.payload).toEqual({ message: "x" });
  });
});
