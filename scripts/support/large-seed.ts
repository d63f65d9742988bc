import type { Frame } from "@/lib/analysis/types";
import type { NewEvent } from "@/lib/db/queries/events";
import type { NewIssue } from "@/lib/db/queries/issues";

/**
 * The data of `npm run seed:large`: a deterministic organisation of projects on several platforms,
 * issues of every category, tenants and users, and events spread over the last days with the skew
 * of real traffic (a few hot issues, a long tail of one-event issues, tenants of very unequal size)
 * and cascades (a server issue and its client symptoms sharing trace ids). Same sizes and seed,
 * same rows, so a benchmark can be rerun on the same data.
 */
export type SeedSize = { issues: number; events: number; tenants: number; users: number; days: number };

// mulberry32: a small seeded generator; Math.random cannot be replayed.
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Project = { id: string; slug: string; name: string; platform: string; side: "server" | "client" };

export const seedProjects: Project[] = [
  { id: "9001", slug: "web-app", name: "Web app", platform: "javascript", side: "client" },
  { id: "9002", slug: "admin-console", name: "Admin console", platform: "javascript", side: "client" },
  { id: "9003", slug: "payment-api", name: "Payment API", platform: "node", side: "server" },
  { id: "9004", slug: "orders-api", name: "Orders API", platform: "python", side: "server" },
  { id: "9005", slug: "search-svc", name: "Search service", platform: "go", side: "server" },
  { id: "9006", slug: "billing-jobs", name: "Billing jobs", platform: "java", side: "server" },
  { id: "9007", slug: "ios-app", name: "iOS app", platform: "cocoa", side: "client" },
  { id: "9008", slug: "android-app", name: "Android app", platform: "java", side: "client" },
  { id: "9009", slug: "notifications", name: "Notifications", platform: "node", side: "server" },
  { id: "9010", slug: "reports", name: "Reports", platform: "python", side: "server" },
  { id: "9011", slug: "auth-gateway", name: "Auth gateway", platform: "go", side: "server" },
  { id: "9012", slug: "marketing-site", name: "Marketing site", platform: "javascript", side: "client" },
];

type Template = { type: string; message: string; area: string; fn: string; level: string };

// One per category the analysis names, so the list's category filter has something behind every value.
const templates: Template[] = [
  {
    type: "TypeError",
    message: "Cannot read properties of undefined (reading '{field}')",
    area: "checkout",
    fn: "renderCart",
    level: "error",
  },
  {
    type: "TypeError",
    message: "{field}.map is not a function",
    area: "search",
    fn: "renderResults",
    level: "error",
  },
  {
    type: "NetworkError",
    message: "Failed to fetch /api/{field}",
    area: "orders",
    fn: "loadOrders",
    level: "error",
  },
  {
    type: "TimeoutError",
    message: "Request to {field}-svc timed out after 30000ms",
    area: "orders",
    fn: "callUpstream",
    level: "error",
  },
  {
    type: "HTTPError",
    message: "502 Bad Gateway from {field}",
    area: "payments",
    fn: "charge",
    level: "error",
  },
  {
    type: "AuthenticationError",
    message: "JWT expired for {field}",
    area: "auth",
    fn: "verifySession",
    level: "warning",
  },
  {
    type: "ValidationError",
    message: "'{field}' must be a positive number",
    area: "billing",
    fn: "validateInvoice",
    level: "warning",
  },
  {
    type: "InFailedSqlTransaction",
    message: "current transaction is aborted, commands ignored ({field})",
    area: "payments",
    fn: "saveCharge",
    level: "error",
  },
  {
    type: "ChunkLoadError",
    message: "Loading chunk {field} failed",
    area: "shell",
    fn: "loadRoute",
    level: "error",
  },
  {
    type: "OutOfMemoryError",
    message: "Java heap space in {field}",
    area: "reports",
    fn: "buildReport",
    level: "fatal",
  },
  {
    type: "RateLimitError",
    message: "429 Too Many Requests from {field}",
    area: "notifications",
    fn: "sendEmail",
    level: "warning",
  },
  {
    type: "ConfigurationError",
    message: "Missing environment variable {field}",
    area: "boot",
    fn: "loadConfig",
    level: "fatal",
  },
  {
    type: "Error",
    message: "Script error in {field}.js",
    area: "marketing",
    fn: "trackClick",
    level: "info",
  },
  { type: "KeyError", message: "'{field}'", area: "reports", fn: "aggregate", level: "error" },
];

const fields = [
  "total",
  "items",
  "customer",
  "address",
  "sku",
  "invoice",
  "currency",
  "tenant",
  "session",
  "plan",
];
const extensions: Record<string, string> = {
  javascript: "ts",
  node: "ts",
  python: "py",
  go: "go",
  java: "java",
  cocoa: "swift",
};

function framesFor(template: Template, project: Project, variant: number): Frame[] {
  const ext = extensions[project.platform] ?? "ts";
  const file = (name: string) => `src/${template.area}/${name}.${ext}`;
  // The crash frame last, as Sentry orders them; library frames below the app's.
  return [
    {
      filename: `node_modules/framework/runtime.${ext}`,
      function: "dispatch",
      module: null,
      lineNo: 120,
      inApp: false,
    },
    {
      filename: file("handler"),
      function: `handle${template.area}`,
      module: null,
      lineNo: 30 + (variant % 7),
      inApp: true,
    },
    {
      filename: file(template.fn),
      function: template.fn,
      module: null,
      lineNo: 40 + (variant % 50),
      inApp: true,
    },
  ];
}

/** Zipf-like weights (rank^-s), so a few of the n get most of the draws. */
function cumulativeZipf(n: number, s: number): Float64Array {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank++) {
    total += 1 / (rank + 1) ** s;
    cumulative[rank] = total;
  }
  for (let rank = 0; rank < n; rank++) cumulative[rank] = (cumulative[rank] ?? 0) / total;
  return cumulative;
}

function draw(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 1) < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const hex = (random: () => number, length: number) => {
  let out = "";
  while (out.length < length)
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, "0");
  return out.slice(0, length);
};

type IssuePlan = NewIssue & {
  template: Template;
  project: Project;
  variant: number;
  events: number;
  /** Tenants this issue's users come from: most issues hurt a few tenants, some hurt many. */
  tenantSpread: number;
  /** Issues of one cascade share a trace pool; null: traces of its own. */
  cascade: number | null;
};

/**
 * The plan: every issue with its event count (each at least one; the rest drawn Zipf-wise, so the
 * hottest issue gets tens of thousands), time span, tenant spread and cascade. Events are generated
 * from it issue by issue, so memory stays flat however many events.
 */
export function planIssues(size: SeedSize, now: Date, seed = 1): IssuePlan[] {
  const random = seededRandom(seed);
  const span = size.days * 86_400_000;
  const counts = new Uint32Array(size.issues).fill(1);
  const issueWeights = cumulativeZipf(size.issues, 1.05);
  for (let i = size.issues; i < size.events; i++) {
    const issue = draw(issueWeights, random());
    counts[issue] = (counts[issue] ?? 0) + 1;
  }
  const plans: IssuePlan[] = [];
  for (let i = 0; i < size.issues; i++) {
    // One issue in fifty belongs to a cascade of four: a server root and three client symptoms.
    const cascade = i % 50 < 4 ? Math.floor(i / 50) : null;
    const project = pickProject(random, cascade === null ? null : i % 50 === 0 ? "server" : "client");
    const template = templates[Math.floor(random() * templates.length)] as Template;
    const variant = i;
    const field = fields[i % fields.length] as string;
    const events = counts[i] ?? 1;
    // Hot issues run for days; the tail mostly for minutes. Cascade members start together.
    const lastSeen = new Date(now.getTime() - Math.floor(random() ** 2 * span));
    const duration = Math.min(span, events * 60_000 * (1 + random() * 30));
    const firstSeen = new Date(Math.max(now.getTime() - span, lastSeen.getTime() - duration));
    const roll = random();
    plans.push({
      id: `${8_000_000_000 + i}`,
      shortId: `${project.slug.toUpperCase()}-${(i + 1).toString(36).toUpperCase()}`,
      projectId: project.id,
      title: `${template.type}: ${template.message.replace("{field}", field)} #${variant}`,
      culprit: `src/${template.area}/${template.fn}`,
      level: template.level,
      status: roll < 0.8 ? "unresolved" : roll < 0.95 ? "resolved" : "ignored",
      platform: project.platform,
      firstSeen,
      lastSeen,
      template,
      project,
      variant,
      events,
      tenantSpread: random() < 0.1 ? size.tenants : 1 + Math.floor(random() * 4),
      cascade,
    });
  }
  return plans;
}

function pickProject(random: () => number, side: Project["side"] | null): Project {
  const pool = side ? seedProjects.filter((p) => p.side === side) : seedProjects;
  return pool[Math.floor(random() * pool.length)] as Project;
}

/** The events of one planned issue. */
export function* eventsOf(
  plan: IssuePlan,
  size: SeedSize,
  tenantWeights: Float64Array,
  seed = 1,
): Generator<NewEvent> {
  const random = seededRandom(seed * 1_000_003 + plan.variant);
  const frames = framesFor(plan.template, plan.project, plan.variant);
  const first = plan.firstSeen.getTime();
  const last = plan.lastSeen.getTime();
  const home = draw(tenantWeights, random());
  const message = plan.title.replace(`${plan.template.type}: `, "");
  for (let k = 0; k < plan.events; k++) {
    const occurredAt = new Date(
      k === 0 ? first : k === plan.events - 1 ? last : first + random() * (last - first),
    );
    const tenant =
      plan.tenantSpread >= size.tenants
        ? draw(tenantWeights, random())
        : (home + Math.floor(random() * plan.tenantSpread)) % size.tenants;
    // Users belong to tenants: a tenant's users are the ids congruent to it.
    const user = tenant + size.tenants * Math.floor(random() * Math.max(1, size.users / size.tenants));
    const daysAgo = Math.floor((Date.now() - occurredAt.getTime()) / 86_400_000);
    const trace =
      plan.cascade !== null
        ? `c${plan.cascade.toString(16).padStart(7, "0")}${hex(random, 2)}${"0".repeat(22)}`
        : random() < 0.7
          ? hex(random, 32)
          : null;
    yield {
      id: hex(random, 32),
      issueId: plan.id as string,
      projectId: plan.project.id,
      occurredAt,
      platform: plan.project.platform,
      title: plan.title,
      message,
      exceptionType: plan.template.type,
      exceptionValue: message,
      userId: `user-${user}`,
      tenantId: `tenant-${tenant}`,
      roles: random() < 0.1 ? ["admin"] : ["member"],
      // A release a week, newest last: "what changed" has an answer.
      release: `${plan.project.slug}@1.${Math.max(0, 52 - Math.floor(daysAgo / 7))}.0`,
      environment: random() < 0.85 ? "production" : "staging",
      traceId: trace,
      url: plan.project.side === "client" ? `https://app.example.com/${plan.template.area}` : null,
      tags: { region: random() < 0.5 ? "eu-west-1" : "us-east-1" },
      frames,
      handled: random() < 0.3,
    };
  }
}

/** Tenant sizes: a few large customers and a long tail. */
export const tenantWeightsFor = (size: SeedSize) => cumulativeZipf(size.tenants, 0.9);
