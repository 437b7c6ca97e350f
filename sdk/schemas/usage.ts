import { z } from "zod";
import { NO_NUL_MESSAGE, hasNoNul, idSchema, timestampSchema } from "./common.js";

export const USAGE_BATCH_MAX = 5000;
export const USAGE_MAX_AGE_DAYS = 90;

/** One API call as a gateway or backend reports it. */
export const usageRecordSchema = z.strictObject({
  keyId: idSchema,
  api: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters").refine(hasNoNul, NO_NUL_MESSAGE),
  timestamp: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }),
  status: z.number().int().min(100, "must be an HTTP status").max(599, "must be an HTTP status"),
  latencyMs: z.number().min(0).max(3_600_000).optional(),
});

export const usageBatchSchema = z
  .strictObject({
    /** Validated one by one: bad records are reported by index while the good ones are kept. */
    records: z.array(z.unknown()).min(1, "must hold at least one record").max(USAGE_BATCH_MAX, `must hold at most ${USAGE_BATCH_MAX} records`),
  })
  .meta({ id: "UsageBatch" });

export const usageBatchResultSchema = z
  .object({
    accepted: z.number().int(),
    rejected: z.array(z.object({ index: z.number().int(), errors: z.record(z.string(), z.string()) })),
  })
  .meta({ id: "UsageBatchResult" });

export const usageQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1, "must be 1 to 90").max(USAGE_MAX_AGE_DAYS, "must be 1 to 90").default(7),
  keyId: idSchema.optional(),
  api: z.string().max(200).optional(),
  /** IANA time zone for day boundaries; UTC by default. */
  tz: z
    .string()
    .max(64)
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as Europe/Paris")
    .default("UTC"),
});

const countsSchema = z.object({
  requests: z.number().int(),
  success: z.number().int(),
  errors4xx: z.number().int(),
  errors5xx: z.number().int(),
  /** `null` when no request reported a latency. */
  avgLatencyMs: z.number().nullable(),
});

export const usageReportSchema = z
  .object({
    from: timestampSchema,
    to: timestampSchema,
    /** Hourly buckets for ranges of two days or less, daily otherwise. */
    resolution: z.enum(["hour", "day"]),
    timeZone: z.string(),
    buckets: z.array(countsSchema.extend({ start: timestampSchema, label: z.string() })),
    totals: countsSchema,
    keys: z.array(countsSchema.extend({ keyId: idSchema, keyPrefix: z.string().nullable(), policyName: z.string(), status: z.string() })),
  })
  .meta({ id: "UsageReport" });

export type UsageRecord = z.input<typeof usageRecordSchema>;
export type UsageBatchResult = z.infer<typeof usageBatchResultSchema>;
export type UsageQuery = { days?: number; keyId?: string; api?: string; tz?: string };
export type UsageReport = z.infer<typeof usageReportSchema>;
export type UsageCounts = z.infer<typeof countsSchema>;
