import { env } from "@/server/env";
import { httpTrainer, inProcessTrainer, type Trainer } from "@/server/ml/trainer";

/** The gpu-service when GPU_SERVICE_URL is set, else the trainer library in this process. */
export function trainerFromEnv(): Trainer {
  const { GPU_SERVICE_URL, GPU_SERVICE_TOKEN } = env();
  return GPU_SERVICE_URL && GPU_SERVICE_TOKEN ? httpTrainer(GPU_SERVICE_URL, GPU_SERVICE_TOKEN) : inProcessTrainer;
}
