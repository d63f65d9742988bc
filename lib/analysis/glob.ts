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

// Rules are few and fixed while events are many: each pattern is compiled once, not once per
// analysis. The RegExps have no `g` flag, so sharing them keeps `test` stateless. Bounded, so
// patterns from ever-changing input cannot grow it without end.
const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 2_000;

/**
 * Compiles a glob into an anchored RegExp; O(pattern length) the first time, then a lookup. An
 * unclosed `[` is a literal.
 */
export function globToRegExp(pattern: string, options: { ignoreCase: boolean }): RegExp {
  const key = `${options.ignoreCase ? "i" : "c"}${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    re = compileGlob(pattern, options.ignoreCase);
    compiled.set(key, re);
  }
  return re;
}

function compileGlob(pattern: string, ignoreCase: boolean): RegExp {
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
  return new RegExp(`^${source}$`, ignoreCase ? "is" : "s");
}
