import { messageWords, type TermVector } from "./similarity/stack-terms";
import type { Frame } from "./types";

// The terms a post-mortem and an issue are matched on. Both sides name the same things the same
// way, so a shared term is a reason a person can read:
//   e:<ExceptionType>   the type as an SDK reports it, and its last dotted segment
//   n:<function>        a function name, and `Class.function` where a class or module is known
//   p:<file>            a source file's base name, lower case
//   s:<service>         a project slug or service name (kebab-case as Sentry slugs are)
//   w:<word>            a word of an error message (stack-terms' messageWords)
//   i:<issue>           an issue named in the post-mortem (a Sentry short id) or the issue itself
// A post-mortem's prose is mostly narrative, so message words come only from what quotes the
// system: code spans, code blocks, quoted strings and the title.

/** How much one occurrence of each kind counts; a named issue is near-certain evidence. */
export const POSTMORTEM_TERM_WEIGHTS: Record<string, number> = {
  i: 4,
  e: 1.5,
  n: 1,
  p: 1,
  s: 1,
  w: 0.5,
};

const EXCEPTION = /\*?(?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$]?[\w$]*(?:Error|Exception|Panic|Fault)\b/g;
const SOURCE_FILE =
  /(?:[\w@.~-]+[/\\])*[\w@.-]+\.(?:js|jsx|mjs|cjs|ts|tsx|py|rb|go|java|kt|kts|cs|php|ex|exs|swift|scala|rs|c|cc|cpp|h|m|mm|dart|erl|clj)\b/g;
const DOTTED_CALL = /\b[A-Za-z_$][\w$]*(?:[.#:]{1,2}[A-Za-z_$<][\w$<>]*)+(?=\s*\(|\b)/g;
const BARE_CALL = /\b([A-Za-z_$][\w$]*)\s*\(/g;
const CODE_IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const EXCEPTION_NAME = /(?:Error|Exception|Panic|Fault)$/;
const SERVICE = /\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b/g;
const SHORT_ID = /\b[A-Z][A-Z0-9]+(?:-[A-Z][A-Z0-9]*)*-[0-9A-Z]{1,7}\b/g;
const SENTRY_ISSUE_URL = /\/issues\/(\d{1,20})\b/g;
const QUOTED = /"([^"\n]{3,200})"|“([^”\n]{3,200})”/g;
const FILE_EXTENSIONS = new Set(["js", "ts", "py", "rb", "go", "java", "cs", "php"]);
// Generic names that every runtime shares: matching on them says nothing.
const GENERIC_FUNCTIONS = new Set([
  "main",
  "run",
  "call",
  "apply",
  "invoke",
  "invoke0",
  "<module>",
  "<main>",
  "init",
]);

const lastSegment = (name: string) => name.slice(Math.max(name.lastIndexOf(".") + 1, 0));

function counter() {
  const counts = new Map<string, number>();
  return {
    add: (term: string) => counts.set(term, (counts.get(term) ?? 0) + 1),
    /** Each term's kind weight, sublinear in its count: a word repeated ten times is not ten reasons. */
    vector(): TermVector {
      const terms: TermVector = new Map();
      for (const [term, count] of counts) {
        const weight = POSTMORTEM_TERM_WEIGHTS[term.slice(0, term.indexOf(":"))] ?? 1;
        terms.set(term, weight * (1 + Math.log(count)));
      }
      return terms;
    },
  };
}

function addException(add: (t: string) => void, type: string) {
  const bare = type.replace(/^\*/, "");
  // A bare "Error" is a word of prose; `pq.Error` names a type, but its last segment alone does not.
  if (/^(?:Error|Exception|Panic|Fault)$/.test(bare)) return;
  add(`e:${type}`);
  const last = lastSegment(bare);
  if (last !== type && !/^(?:Error|Exception|Panic|Fault)$/.test(last)) add(`e:${last}`);
  if (bare !== type) add(`e:${bare}`);
}

function addFunction(add: (t: string) => void, qualified: string) {
  const parts = qualified.split(/[.#:]+/).filter(Boolean);
  const fn = parts.at(-1);
  if (!fn || GENERIC_FUNCTIONS.has(fn) || fn.length < 3 || EXCEPTION_NAME.test(fn)) return;
  if (parts.length === 2 && FILE_EXTENSIONS.has(fn)) return;
  add(`n:${fn}`);
  const owner = parts.at(-2);
  if (owner) add(`n:${owner}.${fn}`);
}

const addFile = (add: (t: string) => void, path: string) => {
  const base = path.split(/[/\\]/).at(-1)?.toLowerCase();
  if (base) add(`p:${base}`);
};

/** The code of a markdown text: fenced blocks and inline spans, each one string. */
function codeOf(markdown: string): { code: string[]; prose: string } {
  const code: string[] = [];
  const withoutBlocks = markdown.replace(
    /^(```|~~~)[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm,
    (_m, _f, body: string) => {
      code.push(body);
      return "\n";
    },
  );
  const prose = withoutBlocks.replace(/`([^`\n]+)`/g, (_m, span: string) => {
    code.push(span);
    return ` ${span} `;
  });
  return { code, prose };
}

/**
 * A post-mortem's terms (see the kinds above). `title` counts as quoted text. Pure; O(length).
 * Unknown services are fine: a kebab-case word that is no project's slug simply matches nothing.
 */
export function postmortemTerms(markdown: string, title = ""): TermVector {
  const terms = counter();
  const { add } = terms;
  const { code, prose } = codeOf(markdown);
  const everything = `${prose}\n${code.join("\n")}`;
  for (const match of everything.matchAll(EXCEPTION)) addException(add, match[0]);
  for (const match of everything.matchAll(SOURCE_FILE)) addFile(add, match[0]);
  for (const match of everything.matchAll(SHORT_ID)) add(`i:${match[0]}`);
  for (const match of everything.matchAll(SENTRY_ISSUE_URL)) add(`i:${match[1]}`);
  for (const match of prose.toLowerCase().matchAll(SERVICE)) add(`s:${match[0]}`);
  for (const snippet of code) {
    for (const match of snippet.matchAll(DOTTED_CALL)) {
      if (!match[0].match(SOURCE_FILE)) addFunction(add, match[0]);
    }
    for (const match of snippet.matchAll(BARE_CALL)) addFunction(add, match[1] ?? "");
    // Python's "in <function>" and a span naming one identifier (`poll`).
    for (const match of snippet.matchAll(/\bin ([A-Za-z_][\w.]*)$/gm)) addFunction(add, match[1] ?? "");
    if (CODE_IDENTIFIER.test(snippet.trim())) addFunction(add, snippet.trim());
    for (const word of messageWords(snippet)) add(`w:${word}`);
  }
  const quoted = [...prose.matchAll(QUOTED)].map((m) => m[1] ?? m[2] ?? "");
  for (const text of [title, ...quoted]) for (const word of messageWords(text)) add(`w:${word}`);
  return terms.vector();
}

/** What of an issue its post-mortem query is built from. */
export type PostmortemQueryInput = {
  issueId: string;
  shortId: string | null;
  projectSlug: string | null;
  exceptionType: string | null;
  message: string | null;
  frames: Frame[];
};

// In-app frames say where the team's code broke; without any, the top frames stand in.
const QUERY_FRAMES = 8;

/** An issue's terms in the post-mortem scheme: its own ids, project, exception, frames and message. */
export function issuePostmortemTerms(issue: PostmortemQueryInput): TermVector {
  const terms = counter();
  const { add } = terms;
  add(`i:${issue.issueId}`);
  if (issue.shortId) add(`i:${issue.shortId}`);
  if (issue.projectSlug) add(`s:${issue.projectSlug.toLowerCase()}`);
  if (issue.exceptionType) addException(add, issue.exceptionType);
  const inApp = issue.frames.filter((f) => f.inApp);
  const frames = (inApp.length > 0 ? inApp : issue.frames).slice(-QUERY_FRAMES);
  for (const frame of frames) {
    if (frame.function) {
      const owner = frame.module ? lastSegment(frame.module) : null;
      addFunction(
        add,
        owner && !frame.function.includes(".") ? `${owner}.${frame.function}` : frame.function,
      );
    }
    if (frame.filename) addFile(add, frame.filename);
  }
  for (const word of messageWords(issue.message ?? "")) add(`w:${word}`);
  return terms.vector();
}
