/**
 * A link from a webhook payload, only when it is http(s): a signed payload can still carry a
 * `javascript:` URL, and an href is where it would run.
 */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:" ? url : undefined;
  } catch {
    return undefined;
  }
}
