import { readFileSync } from "node:fs";

// Checks a request Sift makes against Sentry's published API description
// (getsentry/sentry-api-schema openapi-derefed.json, in the shared fixtures): the method and path
// template, every query parameter, and the JSON body against the operation's request schema. The
// comment routes are not in that file, so they are described here from Sentry's group_notes
// endpoint (POST/GET …/issues/{issue_id}/comments/, PUT …/comments/{note_id}/, body {text, mentions?}).
// Nor is the public integration's token route, described from Sentry's sentry_app_authorizations
// endpoint (POST /api/0/sentry-app-installations/{uuid}/authorizations/, body with grant_type
// authorization_code + code or refresh_token + refresh_token, and client_id, client_secret).
//
// A small JSON-Schema subset is enough for these operations: type, nullable, enum, properties,
// required, items, allOf/anyOf/oneOf, min/max, minLength/maxLength. Unknown body keys are refused
// (Sentry would ignore them silently, which is a bug on our side). Sentry's PUT serializers are
// partial ("only given fields change"), although the generated schema lists every field as
// required; `required` is therefore not enforced for PUT bodies, nor for objects inside them
// (statusDetails: Sentry's StatusDetailsValidator makes every field optional).

type Schema = {
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
};

type Parameter = { in: string; name: string; required?: boolean; schema?: Schema };

type Operation = {
  method: string;
  template: string;
  pattern: RegExp;
  pathParams: string[];
  parameters: Parameter[];
  body: Schema | null;
};

export type CheckedRequest = { method: string; path: string; query: URLSearchParams; body: unknown };

const commentBody: Schema = {
  type: "object",
  properties: {
    text: { type: "string", minLength: 1 },
    mentions: { type: "array", items: { type: "string" } },
  },
  required: ["text"],
};
const orgParam: Parameter = { in: "path", name: "organization_id_or_slug", required: true };
const issueParam: Parameter = { in: "path", name: "issue_id", required: true };
const pageParams: Parameter[] = [
  { in: "query", name: "cursor", schema: { type: "string", minLength: 1 } },
  { in: "query", name: "per_page", schema: { type: "integer", minimum: 1, maximum: 100 } },
];
const COMMENTS = "/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/comments/";
const commentOperations = [
  { method: "get", template: COMMENTS, parameters: [orgParam, issueParam, ...pageParams], body: null },
  { method: "post", template: COMMENTS, parameters: [orgParam, issueParam], body: commentBody },
  {
    method: "put",
    template: `${COMMENTS}{note_id}/`,
    parameters: [orgParam, issueParam, { in: "path", name: "note_id", required: true }],
    body: commentBody,
  },
];

const credential: Schema = { type: "string", minLength: 1 };
const grantBody = (grantType: string, field: string): Schema => ({
  type: "object",
  properties: {
    grant_type: { type: "string", enum: [grantType] },
    [field]: credential,
    client_id: credential,
    client_secret: credential,
  },
  required: ["grant_type", field, "client_id", "client_secret"],
});
const authorizationOperation = {
  method: "post",
  template: "/api/0/sentry-app-installations/{uuid}/authorizations/",
  parameters: [
    { in: "path", name: "uuid", required: true, schema: { type: "string", minLength: 36, maxLength: 36 } },
  ],
  body: { oneOf: [grantBody("authorization_code", "code"), grantBody("refresh_token", "refresh_token")] },
};

function toOperation(
  method: string,
  template: string,
  parameters: Parameter[],
  body: Schema | null,
): Operation {
  const pathParams: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      pathParams.push(name);
      return "([^/]+)";
    })
    .join("");
  return { method, template, pattern: new RegExp(`^${source}$`), pathParams, parameters, body };
}

/** Every operation of the OpenAPI file plus the comment routes. */
export function loadOperations(openApiFile: string): Operation[] {
  const spec = JSON.parse(readFileSync(openApiFile, "utf8")) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    const shared = (item.parameters as Parameter[] | undefined) ?? [];
    for (const [method, raw] of Object.entries(item)) {
      if (!["get", "post", "put", "delete", "patch"].includes(method)) continue;
      const op = raw as {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema: Schema }> };
      };
      const body = op.requestBody?.content?.["application/json"]?.schema ?? null;
      operations.push(toOperation(method, template, [...shared, ...(op.parameters ?? [])], body));
    }
  }
  for (const op of [...commentOperations, authorizationOperation])
    operations.push(toOperation(op.method, op.template, op.parameters, op.body));
  return operations;
}

function typeOk(type: string, value: unknown): boolean {
  switch (type) {
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    default:
      return typeof value === type;
  }
}

/** Problems of `value` against `schema`, each prefixed with where it is. */
export function validate(schema: Schema, value: unknown, at: string, partial = false): string[] {
  if (value === null)
    return schema.nullable || schema.enum?.includes(null) ? [] : [`${at}: null is not allowed`];
  const problems: string[] = [];
  for (const part of schema.allOf ?? []) problems.push(...validate(part, value, at, partial));
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices && !choices.some((choice) => validate(choice, value, at).length === 0)) {
    problems.push(`${at}: matches none of the allowed schemas`);
  }
  if (schema.type && !typeOk(schema.type, value)) return [...problems, `${at}: expected ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      problems.push(`${at}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      problems.push(`${at}: above ${schema.maximum}`);
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${at}: too short`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${at}: too long`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      problems.push(...validate(schema.items as Schema, item, `${at}[${i}]`));
    });
  }
  if (schema.properties && typeof value === "object" && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const property = schema.properties[key];
      if (!property) problems.push(`${at}.${key}: not a field of this operation`);
      else problems.push(...validate(property, object[key], `${at}.${key}`, partial));
    }
    if (!partial) {
      for (const key of schema.required ?? []) {
        if (!(key in object)) problems.push(`${at}.${key}: required`);
      }
    }
  }
  return problems;
}

// A query value is text: coerce it to the parameter's type before checking it.
function queryValue(schema: Schema, text: string): unknown {
  if ((schema.type === "integer" || schema.type === "number") && /^-?\d+(\.\d+)?$/.test(text))
    return Number(text);
  if (schema.type === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

/** What is wrong with one request, by the API description; empty when it is a request Sentry documents. */
export function checkRequest(operations: Operation[], request: CheckedRequest): string[] {
  const where = `${request.method} ${request.path}`;
  const candidates = operations.filter((op) => op.pattern.test(request.path));
  if (candidates.length === 0) return [`${where}: no such path in Sentry's API`];
  // The most literal template wins: /issues/{issue_id}/comments/ over a catch-all.
  const specificity = (op: Operation) => op.template.replace(/\{[^}]+\}/g, "").length;
  const op = candidates
    .filter((c) => c.method === request.method.toLowerCase())
    .sort((a, b) => specificity(b) - specificity(a))[0];
  if (!op) return [`${where}: method not allowed on ${candidates[0]?.template}`];
  const problems: string[] = [];
  const values = op.pattern.exec(request.path)?.slice(1) ?? [];
  op.pathParams.forEach((name, i) => {
    const schema = op.parameters.find((p) => p.in === "path" && p.name === name)?.schema;
    if (schema) problems.push(...validate(schema, decodeURIComponent(values[i] ?? ""), `path ${name}`));
  });
  for (const key of new Set(request.query.keys())) {
    const param = op.parameters.find((p) => p.in === "query" && p.name === key);
    if (!param) {
      problems.push(`query ${key}: not a parameter of ${op.template}`);
      continue;
    }
    const schema = param.schema ?? {};
    const all = request.query.getAll(key);
    if (schema.type !== "array" && all.length > 1) problems.push(`query ${key}: given ${all.length} times`);
    const itemSchema = schema.type === "array" ? (schema.items ?? {}) : schema;
    for (const text of all)
      problems.push(...validate(itemSchema, queryValue(itemSchema, text), `query ${key}`));
  }
  if (op.body) {
    if (request.body === undefined) problems.push("body: missing");
    else problems.push(...validate(op.body, request.body, "body", op.method === "put"));
  } else if (request.body !== undefined) {
    problems.push("body: this operation takes none");
  }
  return problems.map((p) => `${where}: ${p}`);
}

/** The JSON schema of an operation's 200 answer, for checking what a stand-in serves; null when none is published. */
export function responseSchemaOf(openApiFile: string, method: string, template: string): Schema | null {
  const spec = JSON.parse(readFileSync(openApiFile, "utf8")) as {
    paths: Record<
      string,
      Record<string, { responses?: Record<string, { content?: Record<string, { schema: Schema }> }> }>
    >;
  };
  return spec.paths[template]?.[method]?.responses?.["200"]?.content?.["application/json"]?.schema ?? null;
}
