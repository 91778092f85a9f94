import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forecastDays, mapWeather, weatherAtKickoff } from "@/server/domain/collectors/open-meteo";
import { createOpenMeteoClient } from "@/server/integrations/open-meteo/client";
import { startFakeOpenMeteo, type FakeOpenMeteo } from "@/server/integrations/open-meteo/fake-server";

const forecast = {
  hourly: {
    time: ["2026-09-13T16:00", "2026-09-13T17:00", "2026-09-13T18:00"],
    temperature_2m: [20.1, 21.4, null],
    wind_speed_10m: [12, 15.5, 18],
    wind_gusts_10m: [25, 31, 40],
    precipitation: [0, 0.2, 1.1],
  },
};

describe("weather at kick-off", () => {
  it("takes the hour at or just before kick-off", () => {
    expect(weatherAtKickoff(forecast, new Date("2026-09-13T17:25:00Z"))).toEqual({
      temperatureC: 21.4,
      windKph: 15.5,
      gustKph: 31,
      precipitationMm: 0.2,
    });
    expect(weatherAtKickoff(forecast, new Date("2026-09-13T17:00:00Z"))?.windKph).toBe(15.5);
    expect(weatherAtKickoff(forecast, new Date("2026-09-13T16:59:59Z"))?.windKph).toBe(12);
  });

  it("keeps missing values as null and is null outside the forecast", () => {
    expect(weatherAtKickoff(forecast, new Date("2026-09-13T18:30:00Z"))).toEqual({
      temperatureC: null,
      windKph: 18,
      gustKph: 40,
      precipitationMm: 1.1,
    });
    expect(weatherAtKickoff(forecast, new Date("2026-09-13T15:59:00Z"))).toBeNull();
    expect(weatherAtKickoff(forecast, new Date("2026-09-13T19:00:00Z"))).toBeNull();
    expect(weatherAtKickoff({ hourly: { ...forecast.hourly, time: [] } }, new Date("2026-09-13T17:00:00Z"))).toBeNull();
  });

  it("builds a CollectedWeather row and the day to request", () => {
    const event = {
      provider: "espn",
      externalId: "1",
      sport: "american-football",
      league: "nfl",
      startsAt: new Date("2026-09-13T17:00:00Z"),
      home: "A",
      away: "B",
    };
    const at = new Date("2026-09-12T12:00:00Z");
    expect(mapWeather(event, forecast, at)).toEqual({
      event,
      forecastAt: at,
      temperatureC: 21.4,
      windKph: 15.5,
      gustKph: 31,
      precipitationMm: 0.2,
    });
    expect(forecastDays(new Date("2026-09-14T00:20:00Z"))).toEqual({ from: "2026-09-14", to: "2026-09-14" });
  });
});

describe("Open-Meteo client against the fake", () => {
  let fake: FakeOpenMeteo;
  const sleeps: number[] = [];
  const client = () => createOpenMeteoClient({ baseUrl: fake.url, sleep: async (ms) => void sleeps.push(ms) });
  beforeAll(async () => {
    fake = await startFakeOpenMeteo({
      weather: (t) => ({ temperatureC: t.getUTCHours(), windKph: 10, gustKph: 20, precipitationMm: 0 }),
    });
  });
  afterAll(() => fake.close());

  it("requests the real query and parses the hourly series", async () => {
    fake.setMode("ok");
    const { data, requests } = await client().forecast(39.049, -94.484, "2026-09-13", "2026-09-14");
    expect(requests).toBe(1);
    expect(fake.requests.at(-1)).toBe(
      "/v1/forecast?latitude=39.0490&longitude=-94.4840&hourly=temperature_2m,wind_speed_10m,wind_gusts_10m,precipitation&wind_speed_unit=kmh&timezone=UTC&start_date=2026-09-13&end_date=2026-09-14",
    );
    expect(data.hourly.time).toHaveLength(48);
    expect(data.hourly.time[0]).toBe("2026-09-13T00:00");
    expect(weatherAtKickoff(data, new Date("2026-09-14T00:20:00Z"))?.temperatureC).toBe(0);
    expect(weatherAtKickoff(data, new Date("2026-09-13T17:25:00Z"))?.temperatureC).toBe(17);
  });

  it("retries a 500, gives up after three", async () => {
    fake.setMode("flaky");
    expect(
      (await client().forecast(39.049, -94.484, new Date("2026-09-13T17:00:00Z"), new Date("2026-09-13T17:00:00Z")))
        .requests,
    ).toBe(2);
    fake.setMode("server-error");
    sleeps.length = 0;
    await expect(client().forecast(39.049, -94.484, "2026-09-13", "2026-09-13")).rejects.toMatchObject({
      kind: "unavailable",
    });
    expect(sleeps).toEqual([250, 500]);
  });

  it("refuses a malformed forecast and bad parameters", async () => {
    fake.setMode("malformed");
    await expect(client().forecast(39.049, -94.484, "2026-09-13", "2026-09-13")).rejects.toMatchObject({
      kind: "invalid-response",
    });
    fake.setMode("ok");
    await expect(client().forecast(91, 0, "2026-09-13", "2026-09-13")).rejects.toMatchObject({ kind: "bad-request" });
    await expect(client().forecast(39, -94, "2026-09-14", "2026-09-13")).rejects.toMatchObject({
      kind: "bad-request",
      status: 400,
    });
  });
});
