/**
 * True only when A and B are the same type. Used as `true satisfies SameShape<z.infer<…>, T>` so a
 * response schema that drifts from the type it carries fails the type check, not a user.
 */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
