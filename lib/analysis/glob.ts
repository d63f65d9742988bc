// Sentry ownership globs, not regexes: whole-value match, `*` crosses `/` (relay glob with
// double_star=false), `?` is one character, `[…]` / `[!…]` are character classes.

const REGEX_SPECIAL = /[\\^$.|+(){}]/;

function classBody(pattern: string, start: number): { body: string; end: number } | null {
  let i = start + 1;
  let body = "";
  if (pattern[i] === "!" || pattern[i] === "^") {
    body = "^";
    i++;
  }
  // A `]` right after the opening bracket is a literal member, as in shell globs.
  if (pattern[i] === "]") {
    body += "\\]";
    i++;
  }
  for (; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === "]") return { body, end: i };
    body += ch === "\\" || ch === "[" ? `\\${ch}` : ch;
  }
  return null;
}

/** Compiles a glob into an anchored RegExp; O(pattern length). An unclosed `[` is a literal. */
export function globToRegExp(pattern: string, options: { ignoreCase: boolean }): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else if (ch === "[") {
      const cls = classBody(pattern, i);
      if (cls) {
        source += `[${cls.body}]`;
        i = cls.end;
      } else source += "\\[";
    } else source += REGEX_SPECIAL.test(ch) || ch === "]" ? `\\${ch}` : ch;
  }
  return new RegExp(`^${source}$`, options.ignoreCase ? "is" : "s");
}
