import { z } from "zod";

const optional = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const schema = z.object({
  NEXT_PUBLIC_SENTRY_DSN: optional,
  NEXT_PUBLIC_SENTRY_ENVIRONMENT: optional,
  NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: optional,
});

export type ClientEnv = z.infer<typeof schema>;

// Next inlines NEXT_PUBLIC_* only where each name is written out in full, so `process.env` cannot be passed whole.
export const clientEnv: ClientEnv = schema.parse({
  NEXT_PUBLIC_SENTRY_DSN: process.env.NEXT_PUBLIC_SENTRY_DSN,
  NEXT_PUBLIC_SENTRY_ENVIRONMENT: process.env.NEXT_PUBLIC_SENTRY_ENVIRONMENT,
  NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: process.env.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE,
});
