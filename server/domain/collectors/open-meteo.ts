import type { CollectedEvent, CollectedWeather } from "./types";

/** The hourly series of an Open-Meteo forecast requested with timezone=UTC (structural: the client's type fits). */
export interface HourlyForecastLike {
  hourly: {
    time: string[];
    temperature_2m: (number | null)[];
    wind_speed_10m: (number | null)[];
    wind_gusts_10m: (number | null)[];
    precipitation: (number | null)[];
  };
}

export interface KickoffWeather {
  temperatureC: number | null;
  windKph: number | null;
  gustKph: number | null;
  precipitationMm: number | null;
}

const HOUR = 3_600_000;

/** Open-Meteo's "2026-09-13T17:00" (UTC with timezone=UTC) as a Date; a zone suffix is respected. */
function hourOf(time: string): number {
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(time) ? time : `${time}Z`);
}

/**
 * The forecast hour at or just before kick-off (a 13:25 kick-off reads the 13:00 hour); null when kick-off
 * falls outside the forecast (before its first hour or an hour or more after its last).
 */
export function weatherAtKickoff(forecast: HourlyForecastLike, kickoff: Date): KickoffWeather | null {
  const k = kickoff.getTime();
  const { time } = forecast.hourly;
  let best = -1;
  for (let i = 0; i < time.length; i++) {
    const t = hourOf(time[i]!);
    if (Number.isNaN(t) || t > k) continue;
    if (best < 0 || t > hourOf(time[best]!)) best = i;
  }
  if (best < 0 || k - hourOf(time[best]!) >= HOUR) return null;
  const at = (series: (number | null)[]) => {
    const v = series[best];
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  };
  return {
    temperatureC: at(forecast.hourly.temperature_2m),
    windKph: at(forecast.hourly.wind_speed_10m),
    gustKph: at(forecast.hourly.wind_gusts_10m),
    precipitationMm: at(forecast.hourly.precipitation),
  };
}

/** A CollectedWeather row for an event, as forecast at `forecastAt`; null when kick-off is outside the forecast. */
export function mapWeather(
  event: CollectedEvent,
  forecast: HourlyForecastLike,
  forecastAt: Date,
): CollectedWeather | null {
  const w = weatherAtKickoff(forecast, event.startsAt);
  return w ? { event, forecastAt, ...w } : null;
}

/** The UTC day to request for a kick-off (the hour at or before kick-off is always on it). */
export function forecastDays(kickoff: Date): { from: string; to: string } {
  const day = kickoff.toISOString().slice(0, 10);
  return { from: day, to: day };
}
