import { createService } from "./server";

const token = process.env.GPU_SERVICE_TOKEN ?? "";
const port = Number(process.env.PORT ?? 8700);
const host = process.env.HOST ?? "127.0.0.1";
const maxBodyMb = Number(process.env.GPU_SERVICE_MAX_BODY_MB ?? 64);

if (!token) {
  console.error("gpu-service: set GPU_SERVICE_TOKEN (16+ characters) to the bearer token the app will send");
  process.exit(1);
}
if (!Number.isInteger(port) || !(maxBodyMb > 0)) {
  console.error("gpu-service: PORT must be an integer and GPU_SERVICE_MAX_BODY_MB a positive number");
  process.exit(1);
}
const server = createService({ token, maxBodyBytes: maxBodyMb * 1024 * 1024 });
server.listen(port, host, () => console.log(`gpu-service listening on http://${host}:${port}`));
