import { getJson, ProviderError, type HttpOptions } from "@/server/integrations/espn/http";
import { openMeteoForecastSchema, type OpenMeteoForecast } from "./schema";

export { ProviderError } from "@/server/integrations/espn/http";

export interface OpenMeteoClientOptions extends Omit<HttpOptions, "provider"> {
  /** "https://api.open-meteo.com" (OPEN_METEO_BASE_URL), or a fake server's URL. */
  baseUrl: string;
}

export interface OpenMeteoClient {
  /** Hourly forecast (UTC) at a point for the UTC days from `from` to `to` (Dates or "YYYY-MM-DD"). */
  forecast(
    latitude: number,
    longitude: number,
    from: Date | string,
    to: Date | string,
  ): Promise<{ data: OpenMeteoForecast; requests: number }>;
}

const PROVIDER = "open-meteo";
export const HOURLY_VARIABLES = "temperature_2m,wind_speed_10m,wind_gusts_10m,precipitation";

function day(value: Date | string): string {
  if (typeof value !== "string") return value.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new ProviderError(PROVIDER, "bad-request", `date must be YYYY-MM-DD, got ${value}`);
  return value;
}

export function createOpenMeteoClient(options: OpenMeteoClientOptions): OpenMeteoClient {
  const base = options.baseUrl.replace(/\/+$/, "");
  return {
    async forecast(latitude, longitude, from, to) {
      if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
        throw new ProviderError(PROVIDER, "bad-request", `coordinates out of range: ${latitude}, ${longitude}`);
      }
      const query = new URLSearchParams({
        latitude: latitude.toFixed(4),
        longitude: longitude.toFixed(4),
        hourly: HOURLY_VARIABLES,
        wind_speed_unit: "kmh",
        timezone: "UTC",
        start_date: day(from),
        end_date: day(to),
      });
      const { body, requests } = await getJson(`${base}/v1/forecast?${query.toString().replaceAll("%2C", ",")}`, {
        ...options,
        provider: PROVIDER,
      });
      const parsed = openMeteoForecastSchema.safeParse(body);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new ProviderError(
          PROVIDER,
          "invalid-response",
          `forecast: ${first ? `${first.path.join(".")}: ${first.message}` : "invalid"}`,
        );
      }
      return { data: parsed.data, requests };
    },
  };
}
