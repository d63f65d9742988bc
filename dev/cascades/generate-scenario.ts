import type { ErrorCategory } from "@/lib/analysis/types";
import { type Random, seededRandom } from "./random";

// Cascade scenarios for evaluating incident grouping: one backend bug surfaces as many frontend,
// mobile and gateway issues in other projects, beside unrelated noise, sometimes two unrelated fires
// at once; some events carry no trace id, some deliveries arrive late and out of order, device clocks
// are off. The truth (which issues are one fire, which is the root) is known by construction.

export type ScenarioIssue = {
  id: string;
  projectId: string;
  platform: string;
  title: string;
  exceptionType: string;
  value: string;
  /** Which fire the issue belongs to, or null for unrelated noise. */
  cascade: string | null;
  root: boolean;
  /** What the summary states as facts, true by construction (see `truthOf`). */
  truth: IssueTruth;
  /** The in-app file the error is raised in (the newest frame). */
  crashFile: string;
};

/**
 * The truth a summary's claims are scored against: the category a person would give the error
 * (set per error kind below, by reading it, not by running Sift's rules), and the team that owns
 * the file it is raised in. Incident and root truth are `cascade` and `root`.
 */
export type IssueTruth = { category: ErrorCategory; ownerTeam: string };

export type ScenarioEvent = {
  issueId: string;
  /** When it happened (epoch ms, the device's clock) and when Sift received it. */
  at: number;
  arrival: number;
  traceId: string | null;
  tenant: string;
  user: string;
  release: string;
};

export type Scenario = { seed: number; start: number; issues: ScenarioIssue[]; events: ScenarioEvent[] };

/** One kind of error: where it is raised and what a person would call it. */
type ErrorKind = {
  projectId: string;
  platform: string;
  type: string;
  value: string;
  category: ErrorCategory;
  /** The team owning the project's code. */
  team: string;
};

const SERVERS: ErrorKind[] = [
  {
    projectId: "101",
    platform: "python",
    type: "OperationalError",
    value: "could not obtain connection from pool",
    category: "database",
    team: "#payments",
  },
  {
    projectId: "102",
    platform: "java",
    type: "SQLTransientConnectionException",
    value: "Connection is not available, request timed out after 30000ms",
    category: "database",
    team: "#orders",
  },
  {
    projectId: "103",
    platform: "go",
    type: "*errors.errorString",
    value: "context deadline exceeded",
    category: "network",
    team: "#search",
  },
  {
    projectId: "104",
    platform: "ruby",
    type: "ActiveRecord::StatementInvalid",
    value: "PG::InFailedSqlTransaction",
    category: "database",
    team: "#accounts",
  },
  {
    projectId: "105",
    platform: "csharp",
    type: "System.TimeoutException",
    value: "The operation has timed out",
    category: "network",
    team: "#billing",
  },
  {
    projectId: "106",
    platform: "php",
    type: "PDOException",
    value: "SQLSTATE[HY000] [2002] Connection refused",
    category: "database",
    team: "#catalog",
  },
];
const GATEWAY: ErrorKind = {
  projectId: "201",
  platform: "node",
  type: "Error",
  value: "upstream responded 503",
  category: "upstream_5xx",
  team: "#edge",
};
const CLIENTS: ErrorKind[] = [
  {
    projectId: "301",
    platform: "javascript",
    type: "TypeError",
    value: "Cannot read properties of undefined (reading '{x}')",
    category: "null_access",
    team: "#web",
  },
  {
    projectId: "302",
    platform: "cocoa",
    type: "NSURLErrorDomain",
    value: "The request timed out. ({x})",
    category: "network",
    team: "#ios",
  },
  {
    projectId: "303",
    platform: "javascript",
    type: "Error",
    value: "Request failed with status code 503 in {x}",
    category: "upstream_5xx",
    team: "#web",
  },
];
const NOISE = [...SERVERS, GATEWAY, ...CLIENTS];

/**
 * The scenario organisation's ownership rules: each project's code belongs to its team. Shared
 * library code (`src/shared/`) belongs to #platform but has no rule, as in a CODEOWNERS file that
 * lags the code: an error raised there is owned by #platform while the rules name the project's team.
 */
export const OWNERSHIP_RULES = [...new Map([...NOISE].map((k) => [k.projectId, k.team]))]
  .map(([projectId, team]) => `path:src/${projectId}/** ${team}`)
  .join("\n");
const SHARED_TEAM = "#platform";
const SHARED_SHARE = 0.1;

/**
 * Where an issue's error is raised and its truth. Drawn from a stream of its own (`owners`), so the
 * fires, noise and deliveries are the same as before truth was recorded.
 */
function place(owners: Random, kind: ErrorKind, id: string): Pick<ScenarioIssue, "truth" | "crashFile"> {
  const shared = owners.chance(SHARED_SHARE);
  return {
    truth: { category: kind.category, ownerTeam: shared ? SHARED_TEAM : kind.team },
    crashFile: shared ? `src/shared/lib-${owners.hex(4)}.ts` : `src/${kind.projectId}/${id}.ts`,
  };
}
const TENANTS = Array.from({ length: 40 }, (_, i) => `tenant-${String(i).padStart(2, "0")}`);

const MINUTE = 60_000;

function delivery(random: Random, at: number): number {
  // Most within a couple of seconds; one in ten late by up to two minutes, overtaking others.
  return at + (random.chance(0.1) ? random.int(10_000, 120_000) : random.int(200, 2_000));
}

function cascade(
  random: Random,
  owners: Random,
  label: string,
  start: number,
  issueId: () => string,
  root: ErrorKind,
) {
  const issues: ScenarioIssue[] = [];
  const events: ScenarioEvent[] = [];
  const release = random.chance(0.5)
    ? `${root.projectId}@${label}-${random.hex(6)}`
    : `${root.projectId}@stable`;
  const rootId = issueId();
  const rootIssue: ScenarioIssue = {
    id: rootId,
    projectId: root.projectId,
    platform: root.platform,
    title: `${root.type}: ${root.value}`,
    exceptionType: root.type,
    value: root.value,
    cascade: label,
    root: true,
    ...place(owners, root, rootId),
  };
  issues.push(rootIssue);
  const symptoms: { issue: ScenarioIssue; traced: boolean; skewMs: number }[] = [];
  for (let i = random.int(5, 24); i > 0; i--) {
    const kind = random.chance(0.2) ? GATEWAY : random.pick(CLIENTS);
    const value = kind.value.replace("{x}", `${label}-${random.hex(4)}`);
    const id = issueId();
    const issue: ScenarioIssue = {
      id,
      projectId: kind.projectId,
      platform: kind.platform,
      title: `${kind.type}: ${value}`,
      exceptionType: kind.type,
      value,
      cascade: label,
      root: false,
      ...place(owners, kind, id),
    };
    issues.push(issue);
    // A quarter of symptom projects do not trace at all; servers' clocks are close, devices' are not.
    symptoms.push({ issue, traced: random.chance(0.75), skewMs: kind === GATEWAY ? random.int(-10, 10) : 0 });
  }
  const affected = new Set<string>();
  for (let n = random.int(3, 8); affected.size < n; ) affected.add(random.zipf(TENANTS));
  const tenants = [...affected];
  // Enough requests that every symptom is seen a few times, as in a fire that lasts minutes.
  const requests = random.int(Math.max(15, 2 * symptoms.length), Math.max(40, 3 * symptoms.length));
  const duration = random.int(1, 10) * MINUTE;
  const times = Array.from({ length: requests }, (_, i) => (i === 0 ? 0 : random.int(0, duration))).sort(
    (a, b) => a - b,
  );
  times.forEach((offset, r) => {
    const at = start + offset;
    const traceId = random.hex(32);
    const tenant = random.pick(tenants);
    const user = `${tenant}-user-${random.int(1, 40)}`;
    events.push({
      issueId: rootIssue.id,
      at,
      arrival: delivery(random, at),
      traceId: random.chance(0.9) ? traceId : null,
      tenant,
      user,
      release,
    });
    // Every symptom shows up at least once; each request brings one or two of them.
    const hit = new Set([symptoms[r % symptoms.length] as (typeof symptoms)[number]]);
    if (random.chance(0.5)) hit.add(random.pick(symptoms));
    for (const s of hit) {
      const device = s.issue.platform === "node" ? s.skewMs : random.int(-300, 300);
      const when = at + random.int(50, 1_500) + device;
      events.push({
        issueId: s.issue.id,
        at: when,
        arrival: delivery(random, Math.max(when, at)),
        traceId: s.traced && random.chance(0.85) ? traceId : null,
        tenant,
        user,
        release: `${s.issue.projectId}@stable`,
      });
    }
  });
  return { issues, events };
}

/** One scenario, fully determined by its seed; scenarios are a day apart so they never overlap. */
export function generateScenario(seed: number): Scenario {
  const random = seededRandom(seed);
  const owners = seededRandom(seed ^ 0x5eed0000);
  const start = Date.parse("2026-01-01T00:00:00Z") + seed * 24 * 60 * MINUTE;
  let counter = 0;
  const issueId = () => String(seed * 1000 + ++counter);
  const first = random.pick(SERVERS);
  const fires = [cascade(random, owners, "a", start + random.int(0, MINUTE), issueId, first)];
  if (random.chance(0.3)) {
    const other = SERVERS.filter((s) => s !== first);
    fires.push(cascade(random, owners, "b", start + random.int(0, 2 * MINUTE), issueId, random.pick(other)));
  }
  const issues = fires.flatMap((f) => f.issues);
  const events = fires.flatMap((f) => f.events);
  for (let n = random.int(3, 10); n > 0; n--) {
    const kind = random.pick(NOISE);
    const value = kind.value.replace("{x}", `noise-${random.hex(4)}`);
    const id = issueId();
    const issue: ScenarioIssue = {
      id,
      projectId: kind.projectId,
      platform: kind.platform,
      title: `${kind.type}: ${value} (${random.hex(3)})`,
      exceptionType: kind.type,
      value,
      cascade: null,
      root: false,
      ...place(owners, kind, id),
    };
    issues.push(issue);
    const first = start + random.int(-5 * MINUTE, 10 * MINUTE);
    for (let e = random.int(1, 5); e > 0; e--) {
      const at = first + random.int(0, 3 * MINUTE) * (e > 1 ? 1 : 0);
      const tenant = random.zipf(TENANTS);
      events.push({
        issueId: issue.id,
        at,
        arrival: delivery(random, at),
        traceId: random.chance(0.8) ? random.hex(32) : null,
        tenant,
        user: `${tenant}-user-${random.int(1, 40)}`,
        release: `${kind.projectId}@stable`,
      });
    }
  }
  events.sort((x, y) => x.arrival - y.arrival);
  return { seed, start, issues, events };
}
