import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { signBody } from "@/lib/sentry/verify-signature";
import { readFixture } from "./sentry-webhook";
import type { RawRequest } from "./webhook-sender";

// Generated deliveries that Sentry would never send, or that someone other than Sentry sends: what
// Sift must refuse without writing a row, and what it may accept, each with the statuses allowed.
// Values past PostgreSQL's index-entry limit (about 2.7 KB) and JSON nested thousands of levels
// deep have cases of their own (longValues, deep, longResource); elsewhere strings stay short.

export type FuzzCase = {
  kind: string;
  resource: string | null;
  body: Buffer;
  /** "valid": signed with the server's secret over the exact bytes; null: no header; else sent as is. */
  signature: "valid" | string | null;
  headers?: Record<string, string>;
  /** Sent with Transfer-Encoding: chunked, so the size is known only by reading. */
  chunked?: boolean;
  /** Statuses a correct server may answer. */
  allowed: readonly number[];
  /** An event id that must never be stored (the request was forged). */
  forgedEventId?: string;
};

const knownResources = ["error", "issue", "comment", "event_alert", "metric_alert", "installation", "seer"];
// Unknown to Sift, including names an object lookup would find on any object's prototype.
const unknownResources = [
  "errors",
  "Error",
  "ERROR",
  "issues",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "spam",
];

const template = JSON.parse(readFixture("webhook-error-created.json")) as {
  data: { error: Record<string, unknown> };
} & Record<string, unknown>;

// Accepted deliveries share a few issues, so their analyses fold together as a real burst's do.
const issueBase = 1_000_000_000 + (randomBytes(4).readUInt32BE() % 1_000_000_000);

/** The real fixture with a fresh event (random, not generated: fast-check favours repeats). */
function freshError(): typeof template {
  const payload = structuredClone(template);
  payload.data.error.event_id = randomBytes(16).toString("hex");
  payload.data.error.issue_id = String(issueBase + (randomBytes(1).readUInt8() % 64));
  return payload;
}

const eventIdOf = (payload: typeof template) => payload.data.error.event_id as string;
const bytes = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value));

const shortText = fc.string({ maxLength: 40 });
const smallJson = fc.jsonValue({ maxDepth: 3 });
/** Values of every JSON type, and numbers at the edges (ids past 2^53, 1e21, -0, huge). */
const anyValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, -0, 2 ** 53 + 1, 1e21, 1e308, 0.5, "", "0", "-1", "1e21", "NaN", "null"),
  shortText,
  fc.array(smallJson, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), smallJson, { maxKeys: 3 }),
);

// Paths into an error.created body, by the parts a mistyped value can land in.
const errorPaths: string[][] = [
  ["action"],
  ["installation"],
  ["installation", "uuid"],
  ["actor"],
  ["actor", "id"],
  ["actor", "type"],
  ["data"],
  ["data", "error"],
  ...[
    "event_id",
    "issue_id",
    "project",
    "platform",
    "message",
    "title",
    "culprit",
    "level",
    "release",
    "environment",
    "datetime",
    "timestamp",
    "tags",
    "user",
    "contexts",
    "request",
    "exception",
    "stacktrace",
    "threads",
    "metadata",
    "url",
    "web_url",
    "issue_url",
    "fingerprint",
    "sdk",
  ].map((field) => ["data", "error", field]),
  ["data", "error", "user", "id"],
  ["data", "error", "user", "tenant_id"],
  ["data", "error", "user", "roles"],
  ["data", "error", "request", "url"],
  ["data", "error", "contexts", "trace"],
  ["data", "error", "contexts", "trace", "trace_id"],
  ["data", "error", "tags", "0"],
  ["data", "error", "tags", "0", "1"],
  ["data", "error", "exception", "values"],
  ["data", "error", "exception", "values", "0"],
  ["data", "error", "exception", "values", "0", "stacktrace", "frames"],
  ["data", "error", "exception", "values", "0", "stacktrace", "frames", "0"],
  ["data", "error", "exception", "values", "0", "stacktrace", "frames", "0", "lineno"],
  ["data", "error", "exception", "values", "0", "stacktrace", "frames", "0", "in_app"],
  ["data", "error", "exception", "values", "0", "stacktrace", "frames", "0", "filename"],
];

/** Sets (or, for undefined, deletes) the value at `path`, creating objects on the way. */
function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  let current: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const next = current[key];
    if (next === null || typeof next !== "object") current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1] as string;
  if (value === undefined) delete current[last];
  else current[last] = value;
}

/** Printable ASCII only: Node refuses to send a header with anything else. */
const headerText = fc.string({ unit: "grapheme-ascii", maxLength: 40 });

const otherSignatures = (body: Buffer, secret: string) =>
  fc.oneof(
    fc.constant(null),
    fc.constant(""),
    fc.constant(signBody(body, "not-the-secret")),
    // The right key over other bytes: a body changed after signing.
    fc.constant(signBody(Buffer.concat([body, Buffer.from(" ")]), secret)),
    fc.constant(`sha256=${randomBytes(32).toString("hex")}`),
    fc.constant(randomBytes(32).toString("hex")),
    fc.constant(randomBytes(31).toString("hex")),
    fc.constant(randomBytes(33).toString("hex")),
    headerText,
  );

/** A signature that is the right one for some other body of the same kind (a replayed header). */
const replayedSignature = (secret: string) => signBody(bytes(freshError()), secret);

export function fuzzCases(options: { secret: string; maxBytes: number }): fc.Arbitrary<FuzzCase> {
  const { secret, maxBytes } = options;

  const valid = fc.constant(null).map((): FuzzCase => {
    const payload = freshError();
    return { kind: "valid", resource: "error", body: bytes(payload), signature: "valid", allowed: [202] };
  });

  const forged = fc.record({ signature: fc.constantFrom("replayed", "other") }).chain(({ signature }) => {
    const payload = freshError();
    const body = bytes(payload);
    const signatures =
      signature === "replayed" ? fc.constant(replayedSignature(secret)) : otherSignatures(body, secret);
    return signatures.map(
      (sig): FuzzCase => ({
        kind: "forged signature",
        resource: "error",
        body,
        signature: sig,
        allowed: [401],
        forgedEventId: eventIdOf(payload),
      }),
    );
  });

  const forgedGarbage = fc
    .record({
      body: fc.uint8Array({ maxLength: 2000 }),
      resource: fc.constantFrom(...knownResources, "spam"),
    })
    .map(
      ({ body, resource }): FuzzCase => ({
        kind: "forged garbage",
        resource,
        body: Buffer.from(body),
        signature: randomBytes(32).toString("hex"),
        allowed: [401],
      }),
    );

  const truncated = fc.nat().map((n): FuzzCase => {
    const body = bytes(freshError());
    return {
      kind: "truncated JSON",
      resource: "error",
      body: body.subarray(0, n % body.length),
      signature: "valid",
      allowed: [400],
    };
  });

  const notJson = fc
    .record({ text: fc.string({ maxLength: 200 }), resource: fc.constantFrom(...knownResources, "spam") })
    .map(
      ({ text, resource }): FuzzCase => ({
        kind: "not JSON",
        resource,
        body: Buffer.from(`${text}}{`),
        signature: "valid",
        allowed: [400],
      }),
    );

  // The signature covers the bytes; invalid UTF-8 read as text no longer matches it (401), and
  // bytes that happen to decode are not a Sentry payload (400).
  const binary = fc
    .record({
      body: fc.uint8Array({ minLength: 1, maxLength: 2000 }),
      resource: fc.constantFrom(...knownResources),
    })
    .map(
      ({ body, resource }): FuzzCase => ({
        kind: "binary",
        resource,
        body: Buffer.from(body),
        signature: "valid",
        allowed: [400, 401],
      }),
    );

  // No non-empty string `action`, or no object `data`: every resource's schema, and the record-only
  // one, refuses it.
  const wrongShape = fc
    .record({
      resource: fc.constantFrom(...knownResources, ...unknownResources),
      value: fc.oneof(
        smallJson.filter((v) => v === null || typeof v !== "object" || Array.isArray(v)),
        fc.record({ action: fc.oneof(fc.constant(""), fc.integer(), fc.constant(null)), data: smallJson }),
        fc.record({ data: smallJson }),
        fc.record({
          action: fc.constant("created"),
          data: fc.oneof(fc.constant(null), fc.integer(), shortText),
        }),
        fc.record({
          action: fc.constant("created"),
          data: fc.constant(freshError().data),
          installation: fc.oneof(fc.integer(), shortText),
        }),
      ),
    })
    .map(
      ({ resource, value }): FuzzCase => ({
        kind: "wrong shape",
        resource,
        body: bytes(value),
        signature: "valid",
        allowed: [400],
      }),
    );

  // One field of a real delivery with a value of another type, or removed: refused (400) or, where
  // Sentry's format allows it, stored (2xx); never a 500.
  const mistyped = fc
    .record({
      path: fc.constantFrom(...errorPaths),
      value: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 6, arbitrary: anyValue }),
      resource: fc.constantFrom("error", "error", "error", ...knownResources),
    })
    .map(({ path, value, resource }): FuzzCase => {
      const payload = freshError();
      setAt(payload, path, value);
      return {
        kind: `mistyped ${path.join(".")}`,
        resource,
        body: bytes(payload),
        signature: "valid",
        allowed: [200, 202, 400],
      };
    });

  const otherResource = fc
    .record({
      resource: fc.constantFrom(...unknownResources, ...knownResources.filter((r) => r !== "error"), ""),
    })
    .map(({ resource }): FuzzCase => {
      const unknown = unknownResources.includes(resource);
      return {
        kind: `resource "${resource}"`,
        resource,
        body: bytes(freshError()),
        signature: "valid",
        // Unknown resources are recorded (202); a known one refuses another's payload or records it.
        allowed: resource === "" ? [400] : unknown ? [202] : [200, 202, 400],
      };
    });

  const noResource = fc.constant(null).map(
    (): FuzzCase => ({
      kind: "no resource header",
      resource: null,
      body: bytes(freshError()),
      signature: "valid",
      allowed: [400],
    }),
  );

  const oversized = fc
    .record({
      extra: fc.integer({ min: 1, max: maxBytes }),
      signed: fc.boolean(),
      chunked: fc.boolean(),
    })
    .map(({ extra, signed, chunked }): FuzzCase => {
      const payload = freshError();
      const padding = maxBytes + extra - bytes(payload).length;
      (payload.data.error as Record<string, unknown>).padding = "x".repeat(Math.max(0, padding));
      return {
        kind: chunked ? "oversized, chunked" : "oversized",
        resource: "error",
        body: bytes(payload),
        signature: signed ? "valid" : randomBytes(32).toString("hex"),
        chunked,
        allowed: [413],
      };
    });

  // Headers Sentry sends differently, or not at all, around a valid signed delivery.
  const oddHeaders = fc
    .record({
      contentType: fc.constantFrom(
        null,
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin1",
      ),
      requestId: fc.oneof(
        fc.constant(null),
        fc.constant(""),
        shortText.map((s) => encodeURIComponent(s)),
      ),
      timestamp: fc.constantFrom(null, "", "yesterday", "-1", "99999999999999999999"),
      uppercaseSignature: fc.boolean(),
    })
    .map(({ contentType, requestId, timestamp, uppercaseSignature }): FuzzCase => {
      const body = bytes(freshError());
      const headers: Record<string, string> = {};
      if (contentType !== null) headers["Content-Type"] = contentType;
      if (requestId !== null) headers["Request-ID"] = requestId;
      if (timestamp !== null) headers["Sentry-Hook-Timestamp"] = timestamp;
      return {
        kind: "odd headers",
        resource: "error",
        body,
        // The same HMAC in capitals is still the right signature, not a forgery.
        signature: uppercaseSignature ? signBody(body, secret).toUpperCase() : "valid",
        headers,
        allowed: [202],
      };
    });

  // Values past PostgreSQL's btree entry limit (about 2.7 KB) in fields Sift indexes or keys on.
  const longValues = fc
    .record({
      field: fc.constantFrom("user.id", "user.email", "user.username", "user.tenant_id", "trace_id", "title"),
      length: fc.integer({ min: 2_700, max: 20_000 }),
    })
    .map(({ field, length }): FuzzCase => {
      const payload = freshError();
      const value = randomBytes(Math.ceil(length / 2))
        .toString("hex")
        .slice(0, length);
      const error = payload.data.error;
      if (field === "trace_id") error.contexts = { trace: { trace_id: value, type: "trace" } };
      else if (field === "title") error.title = value;
      else error.user = { id: "u-1", [field.slice(5)]: value };
      return {
        kind: `long ${field}`,
        resource: "error",
        body: bytes(payload),
        signature: "valid",
        allowed: [202],
      };
    });

  // Valid JSON nested far deeper than any Sentry payload: refused before anything is written.
  const deep = fc.integer({ min: 600, max: 20_000 }).map((depth): FuzzCase => {
    const payload = freshError();
    const body = JSON.stringify(payload).replace(/}$/, `,"deep":${"[".repeat(depth)}${"]".repeat(depth)}}`);
    return {
      kind: "deeply nested",
      resource: "error",
      body: Buffer.from(body),
      signature: "valid",
      allowed: [400],
    };
  });

  // A resource header far longer than any resource name.
  const longResource = fc.integer({ min: 65, max: 8_000 }).map(
    (length): FuzzCase => ({
      kind: "long resource header",
      resource: "r".repeat(length),
      body: bytes(freshError()),
      signature: "valid",
      allowed: [400, 431],
    }),
  );

  return fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 1, arbitrary: longValues },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: longResource },
    { weight: 4, arbitrary: forged },
    { weight: 1, arbitrary: forgedGarbage },
    { weight: 2, arbitrary: truncated },
    { weight: 1, arbitrary: notJson },
    { weight: 1, arbitrary: binary },
    { weight: 2, arbitrary: wrongShape },
    { weight: 5, arbitrary: mistyped },
    { weight: 1, arbitrary: otherResource },
    { weight: 1, arbitrary: noResource },
    { weight: 1, arbitrary: oversized },
    { weight: 1, arbitrary: oddHeaders },
  );
}

/** The request a case describes, signed (or not) as it says. */
export function fuzzRequest(fuzz: FuzzCase, secret: string): RawRequest {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "Request-ID": randomBytes(16).toString("hex"),
    "Sentry-Hook-Timestamp": String(Math.floor(Date.now() / 1000)),
    "User-Agent": "sentry/fuzz",
  };
  if (fuzz.resource !== null) headers["Sentry-Hook-Resource"] = fuzz.resource;
  const signature = fuzz.signature === "valid" ? signBody(fuzz.body, secret) : fuzz.signature;
  if (signature !== null) headers["Sentry-Hook-Signature"] = signature;
  for (const [name, value] of Object.entries(fuzz.headers ?? {})) headers[name] = value;
  if (fuzz.headers && !("Content-Type" in fuzz.headers)) delete headers["Content-Type"];
  if (fuzz.headers && !("Request-ID" in fuzz.headers)) delete headers["Request-ID"];
  if (fuzz.headers && !("Sentry-Hook-Timestamp" in fuzz.headers)) delete headers["Sentry-Hook-Timestamp"];
  if (fuzz.chunked) headers["Transfer-Encoding"] = "chunked";
  return { headers, body: fuzz.body };
}
