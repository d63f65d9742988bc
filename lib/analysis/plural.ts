/** "1 user", "3 users": a count and its noun, with the plural -s English needs (regular nouns only). */
export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
