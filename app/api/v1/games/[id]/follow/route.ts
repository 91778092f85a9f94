import { apiHandler } from "@/server/http/api-auth";
import { endpoints } from "@/app/api/v1/_lib/endpoints";

export const GET = apiHandler(endpoints.gameFollow);
