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
];
export default config;
