import type { AnalysisResult } from "./types";

/** What a model is shown: the evidence as plain data and the deterministic summary built from it. */
export type RephraseRequest = { facts: Record<string, unknown>; deterministic: string };

/** A rephrasing that passed acceptRephrasing, or why there is none. */
export type RephraseOutcome = { text: string; model: string } | { rejected: string };

/**
 * Rephrases a summary; handed to the analysis job by whoever starts the worker (the network call
 * lives in lib/llm). Any failure is an outcome, never a throw the job must handle.
 */
export type RephraseSummary = (request: RephraseRequest) => Promise<RephraseOutcome>;

export type ChatMessage = { role: "system" | "user"; content: string };

const TOP_TENANTS = 3;

/** The facts a rephrasing may use: exactly what the deterministic summary was built from. */
export function rephraseRequestOf(issueTitle: string, result: AnalysisResult): RephraseRequest {
  const { blastRadius, category, owner, priority, summaryFacts } = result;
  return {
    deterministic: summaryFacts.deterministic,
    facts: {
      title: issueTitle,
      category: category.category,
      categoryReason: category.reason,
      where: result.inAppFrames.at(-1) ?? null,
      users: blastRadius.users,
      tenants: blastRadius.tenants,
      topTenants: blastRadius.topTenants.slice(0, TOP_TENANTS).map((t) => t.tenantId),
      activeTenantShare: priority?.activeTenantShare ?? null,
      owner: owner.owner,
      ownerRule: owner.rule,
      claims: summaryFacts.claims.map((c) => c.claim),
      nextStep: summaryFacts.nextStep,
    },
  };
}

const SYSTEM = [
  "You rewrite an incident triage summary for an on-call engineer so it reads naturally.",
  "Use only the facts given. Do not add causes, numbers, identifiers, names or advice that are not in the facts.",
  "Keep every number and identifier exactly as written. Answer with the rewritten summary only, in at most 4 sentences, no markdown.",
].join(" ");

/** The chat messages for an OpenAI-compatible chat completion: the facts and the text, nothing else. */
export function rephrasingMessages(request: RephraseRequest): ChatMessage[] {
  return [
    { role: "system", content: SYSTEM },
    {
      role: "user",
      content: `Facts (JSON):\n${JSON.stringify(request.facts)}\n\nSummary to rewrite:\n${request.deterministic}`,
    },
  ];
}

// A token that carries a digit: counts, percentages, versions, short ids, shas, line numbers.
const NUMBERISH = /[\p{L}\p{N}_.@#/:-]*\p{N}[\p{L}\p{N}_.@#/:-]*/gu;
const TRIM = /^[.:/_@#-]+|[.:/_@#-]+$/g;
// Number words a model might spell out instead of the digits the facts hold.
const NUMBER_WORDS =
  /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|dozens?|half|percent)\b/i;

/**
 * Accepts a model's rephrasing only when it is non-empty, at most `maxLength` characters (default
 * twice the deterministic text, at least 400), has no markup, and every token carrying a digit
 * (count, share, release, id, sha) is one of the facts' or the deterministic text's own tokens; a
 * number word is refused unless the facts use it too, since it cannot be checked. Returns the trimmed text or the reason. Pure.
 */
export function acceptRephrasing(
  answer: string,
  request: RephraseRequest,
  maxLength = Math.max(400, request.deterministic.length * 2),
): { text: string } | { rejected: string } {
  const text = answer.trim();
  if (text === "") return { rejected: "empty answer" };
  if (text.length > maxLength) return { rejected: `answer of ${text.length} characters, over ${maxLength}` };
  if (/```|<\/?[a-z][^>]*>/i.test(text)) return { rejected: "answer carries markup" };
  const source = `${JSON.stringify(request.facts)} ${request.deterministic}`;
  const known = new Set(numberishTokens(source));
  const invented = numberishTokens(text).find((token) => !known.has(token));
  if (invented) return { rejected: `"${invented}" is not in the facts` };
  const word = NUMBER_WORDS.exec(text)?.[0];
  if (word && !new RegExp(`\\b${word}\\b`, "i").test(source)) {
    return { rejected: `"${word}" is not in the facts` };
  }
  return { text };
}

function numberishTokens(text: string): string[] {
  return [...text.matchAll(NUMBERISH)].map((m) => m[0].replace(TRIM, "").toLowerCase()).filter(Boolean);
}
