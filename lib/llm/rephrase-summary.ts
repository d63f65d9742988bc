import { z } from "zod";
import {
  acceptRephrasing,
  type RephraseOutcome,
  type RephraseSummary,
  rephrasingMessages,
} from "@/lib/analysis/summary-rephrasing";

export type LlmSettings = {
  /** An OpenAI-compatible API root, e.g. https://api.openai.com/v1 (…/chat/completions is appended). */
  baseUrl: string;
  apiKey: string | null;
  model: string;
  /** The whole call, connection to last byte; past it the deterministic summary stays. */
  timeoutMs: number;
};

// The answer as the chat-completions API gives it; only the first choice's text is read.
const completionSchema = z.object({
  model: z.string().optional(),
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1, "no choices"),
});

// A summary is a few sentences; a runaway answer is cut by the server rather than rejected late.
const MAX_TOKENS = 300;

/**
 * A RephraseSummary that asks an OpenAI-compatible chat-completions endpoint to rephrase the
 * deterministic summary from its facts (rephrasingMessages: nothing else is sent), and accepts the
 * answer only when acceptRephrasing does. Timeouts, HTTP errors and malformed answers are
 * outcomes with the reason, never throws. Temperature 0, so the same facts read alike.
 */
export function createSummaryRephraser(settings: LlmSettings): RephraseSummary {
  const url = `${settings.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  return async (request): Promise<RephraseOutcome> => {
    let response: Response;
    let body: unknown;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: settings.model,
          messages: rephrasingMessages(request),
          temperature: 0,
          max_tokens: MAX_TOKENS,
        }),
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      if (!response.ok) return { rejected: `HTTP ${response.status}` };
      body = await response.json();
    } catch (error) {
      const name = (error as Error).name;
      return {
        rejected: name === "TimeoutError" ? `no answer within ${settings.timeoutMs} ms` : String(error),
      };
    }
    const parsed = completionSchema.safeParse(body);
    if (!parsed.success) return { rejected: `malformed answer: ${parsed.error.issues[0]?.message}` };
    const accepted = acceptRephrasing(parsed.data.choices[0]?.message.content ?? "", request);
    if ("rejected" in accepted) return accepted;
    return { text: accepted.text, model: parsed.data.model ?? settings.model };
  };
}
