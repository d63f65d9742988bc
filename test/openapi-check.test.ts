import { describe, expect, it } from "vitest";
import { checkRequest, loadOperations } from "./openapi-check";

const fixtures = process.env.SIFT_FIXTURES_DIR ?? `${process.cwd()}/../shared/sentry/fixtures`;
const operations = loadOperations(`${fixtures}/openapi/openapi-derefed.json`);
const org = "/api/0/organizations/acme";
const check = (method: string, path: string, query = "", body?: unknown) =>
  checkRequest(operations, { method, path, query: new URLSearchParams(query), body });

describe("checkRequest against Sentry's OpenAPI description", () => {
  it("accepts the requests Sift makes", () => {
    expect(check("GET", `${org}/issues/1/events/latest/`)).toEqual([]);
    expect(check("GET", `${org}/issues/`, "query=lastSeen:>x&sort=date&limit=100&collapse=stats")).toEqual(
      [],
    );
    expect(check("GET", `${org}/issues/1/`)).toEqual([]);
    expect(check("PUT", `${org}/issues/1/`, "", { assignedTo: "team:5" })).toEqual([]);
    expect(check("GET", `${org}/teams/`, "per_page=100&cursor=0:100:0")).toEqual([]);
    expect(check("POST", `${org}/issues/1/comments/`, "", { text: "hi" })).toEqual([]);
    expect(check("PUT", `${org}/issues/1/comments/9/`, "", { text: "hi" })).toEqual([]);
    expect(check("GET", `${org}/issues/1/comments/`, "per_page=100")).toEqual([]);
  });

  it("refuses paths, methods and path values Sentry does not have", () => {
    expect(check("GET", "/api/0/issues/1/comments/")).toEqual([
      "GET /api/0/issues/1/comments/: no such path in Sentry's API",
    ]);
    expect(check("PATCH", `${org}/issues/1/`)[0]).toMatch(/method not allowed/);
    expect(check("GET", `${org}/issues/1/events/newest/`)[0]).toMatch(
      /path event_id: "newest" is not one of/,
    );
  });

  it("refuses unknown or mistyped query parameters", () => {
    expect(check("GET", `${org}/teams/`, "page=2")[0]).toMatch(/query page: not a parameter/);
    expect(check("GET", `${org}/teams/`, "per_page=lots")[0]).toMatch(/query per_page: expected integer/);
    expect(check("GET", `${org}/issues/`, "sort=oldest")[0]).toMatch(/query sort: "oldest" is not one of/);
  });

  it("checks JSON bodies: types, enums, unknown fields, required fields", () => {
    expect(check("PUT", `${org}/issues/1/`, "", { assignedTo: 5 })).toEqual([
      `PUT ${org}/issues/1/: body.assignedTo: expected string`,
    ]);
    expect(check("PUT", `${org}/issues/1/`, "", { assignee: "team:5" })[0]).toMatch(
      /body.assignee: not a field/,
    );
    expect(check("PUT", `${org}/issues/1/`, "", { status: "closed" })[0]).toMatch(/body.status: "closed"/);
    expect(check("POST", `${org}/issues/1/comments/`, "", { body: "hi" })).toEqual([
      `POST ${org}/issues/1/comments/: body.body: not a field of this operation`,
      `POST ${org}/issues/1/comments/: body.text: required`,
    ]);
    expect(check("POST", `${org}/issues/1/comments/`)[0]).toMatch(/body: missing/);
    expect(check("GET", `${org}/teams/`, "", {})[0]).toMatch(/takes none/);
  });
});

describe("checkRequest on the public integration's token route", () => {
  const path = "/api/0/sentry-app-installations/a8e5d37a-696c-4c54-adb5-b3f28d64c7de/authorizations/";
  const credentials = { client_id: "id", client_secret: "secret" };

  it("accepts both grants with the credentials in the body", () => {
    expect(check("POST", path, "", { grant_type: "authorization_code", code: "c", ...credentials })).toEqual(
      [],
    );
    expect(
      check("POST", path, "", { grant_type: "refresh_token", refresh_token: "r", ...credentials }),
    ).toEqual([]);
  });

  it("refuses a mixed grant, missing credentials and an unknown grant type", () => {
    expect(check("POST", path, "", { grant_type: "refresh_token", code: "c", ...credentials })[0]).toMatch(
      /matches none/,
    );
    expect(check("POST", path, "", { grant_type: "authorization_code", code: "c" })[0]).toMatch(
      /matches none/,
    );
    expect(check("POST", path, "", { grant_type: "password", code: "c", ...credentials })[0]).toMatch(
      /matches none/,
    );
    expect(check("POST", path)[0]).toMatch(/body: missing/);
  });
});
