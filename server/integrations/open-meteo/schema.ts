import { z } from "zod";

/** GET /v1/forecast with hourly=temperature_2m,wind_speed_10m,wind_gusts_10m,precipitation and timezone=UTC. */
const series = z.array(z.number().nullable());

export const openMeteoForecastSchema = z
  .object({
    latitude: z.number(),
    longitude: z.number(),
    generationtime_ms: z.number().optional(),
    utc_offset_seconds: z.number().optional(),
    timezone: z.string().optional(),
    elevation: z.number().optional(),
    hourly_units: z.object({
      time: z.string(),
      temperature_2m: z.string(),
      wind_speed_10m: z.string(),
      wind_gusts_10m: z.string(),
      precipitation: z.string(),
    }),
    hourly: z.object({
      /** "2026-09-13T17:00" in UTC (timezone=UTC), no zone suffix. */
      time: z.array(z.string()),
      temperature_2m: series,
      wind_speed_10m: series,
      wind_gusts_10m: series,
      precipitation: series,
    }),
  })
  .refine(
    (f) =>
      [f.hourly.temperature_2m, f.hourly.wind_speed_10m, f.hourly.wind_gusts_10m, f.hourly.precipitation].every(
        (s) => s.length === f.hourly.time.length,
      ),
    { message: "hourly series differ in length from hourly.time", path: ["hourly"] },
  )
  .refine((f) => f.hourly_units.wind_speed_10m === "km/h" && f.hourly_units.wind_gusts_10m === "km/h", {
    message: "wind is not in km/h",
    path: ["hourly_units"],
  });

export type OpenMeteoForecast = z.infer<typeof openMeteoForecastSchema>;
