import nextVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";

const config = [
  { ignores: [".next/**", "server/db/generated/**", "node_modules/**", ".data/**", "tmp/**", "test-results/**", "playwright-report/**", "gpu-service/assembly/**"] },
  ...nextVitals,
  ...tseslint.configs.recommended,
  {
    // `_name` marks a value deliberately left unused (e.g. a field dropped by destructuring).
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // server/domain is pure: no database, network, files, framework or outer layer, so it runs anywhere
    // (browser, server, worker threads) and is tested without set-up.
    files: ["server/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/*", "!@/server/domain", "!@/server/domain/**", "../../*", "../../../*"],
              message: "server/domain imports only server/domain.",
            },
            {
              group: ["pg", "@prisma/*", "next", "next/*", "next-auth", "next-auth/*", "react", "react-dom", "server-only", "inngest", "onnxruntime-node"],
              message: "server/domain is pure: no database, framework or runtime services.",
            },
            { group: ["node:*", "fs", "fs/*", "path", "http", "https", "net", "child_process", "worker_threads"], message: "server/domain is pure: no I/O." },
          ],
        },
      ],
    },
  },
];
export default config;
