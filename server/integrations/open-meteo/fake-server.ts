import http from "node:http";
import { listenLocal, sendJson } from "../local-server";

/**
 * A stand-in for api.open-meteo.com on 127.0.0.1 (random port): /v1/forecast answers the real shape, hourly
 * from start_date 00:00 to end_date 23:00 UTC, with values from `weather(time, lat, lon)` (a mild default).
 * Modes: "ok", "server-error" (every request 500), "flaky" (the next 500, then ok), "malformed" (series of
 * the wrong length and a string among the numbers).
 */

export type FakeOpenMeteoMode = "ok" | "server-error" | "flaky" | "malformed";

export interface HourWeather {
  temperatureC: number | null;
  windKph: number | null;
  gustKph: number | null;
  precipitationMm: number | null;
}

export type WeatherFn = (time: Date, latitude: number, longitude: number) => HourWeather;

export interface FakeOpenMeteo {
  url: string;
  close(): Promise<void>;
  setMode(mode: FakeOpenMeteoMode): void;
  setWeather(fn: WeatherFn): void;
  requests: string[];
}

export const mildWeather: WeatherFn = (time) => {
  const h = time.getUTCHours();
  return {
    temperatureC: Math.round((12 + 6 * Math.sin(((h - 9) / 24) * 2 * Math.PI)) * 10) / 10,
    windKph: 10 + (h % 5),
    gustKph: 20 + (h % 7),
    precipitationMm: h % 6 === 0 ? 0.4 : 0,
  };
};

export async function startFakeOpenMeteo(options: { weather?: WeatherFn } = {}): Promise<FakeOpenMeteo> {
  let weather = options.weather ?? mildWeather;
  let mode: FakeOpenMeteoMode = "ok";
  const requests: string[] = [];
  const send = (res: http.ServerResponse, status: number, body: unknown) => sendJson(res, status, body);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname + url.search);
    if (mode === "server-error" || mode === "flaky") {
      if (mode === "flaky") mode = "ok";
      return send(res, 500, { error: true, reason: "Internal Server Error" });
    }
    if (url.pathname !== "/v1/forecast") return send(res, 404, { error: true, reason: "Not Found" });
    const q = url.searchParams;
    const latitude = Number(q.get("latitude"));
    const longitude = Number(q.get("longitude"));
    if (!q.get("latitude") || !(Math.abs(latitude) <= 90) || !q.get("longitude") || !(Math.abs(longitude) <= 180)) {
      return send(res, 400, {
        error: true,
        reason: "Latitude must be in range of -90 to 90°. Given: " + q.get("latitude"),
      });
    }
    const start = q.get("start_date") ?? new Date().toISOString().slice(0, 10);
    const end = q.get("end_date") ?? start;
    const from = Date.parse(`${start}T00:00:00Z`);
    const to = Date.parse(`${end}T23:00:00Z`);
    if (Number.isNaN(from) || Number.isNaN(to) || to < from) {
      return send(res, 400, { error: true, reason: `Parameter 'start_date' is out of allowed range` });
    }
    const hourly = {
      time: [] as string[],
      temperature_2m: [] as unknown[],
      wind_speed_10m: [] as unknown[],
      wind_gusts_10m: [] as unknown[],
      precipitation: [] as unknown[],
    };
    for (let t = from; t <= to; t += 3_600_000) {
      const w = weather(new Date(t), latitude, longitude);
      hourly.time.push(new Date(t).toISOString().slice(0, 16));
      hourly.temperature_2m.push(w.temperatureC);
      hourly.wind_speed_10m.push(w.windKph);
      hourly.wind_gusts_10m.push(w.gustKph);
      hourly.precipitation.push(w.precipitationMm);
    }
    if (mode === "malformed") {
      hourly.wind_speed_10m.pop();
      hourly.temperature_2m[0] = "warm";
    }
    return send(res, 200, {
      latitude: Math.round(latitude * 1000) / 1000,
      longitude: Math.round(longitude * 1000) / 1000,
      generationtime_ms: 0.06,
      utc_offset_seconds: 0,
      timezone: "GMT",
      timezone_abbreviation: "GMT",
      elevation: 270,
      hourly_units: {
        time: "iso8601",
        temperature_2m: "°C",
        wind_speed_10m: "km/h",
        wind_gusts_10m: "km/h",
        precipitation: "mm",
      },
      hourly,
    });
  });

  const local = await listenLocal(server);
  return {
    ...local,
    requests,
    setMode: (m) => {
      mode = m;
    },
    setWeather: (fn) => {
      weather = fn;
    },
  };
}
