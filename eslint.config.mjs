import nextVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";

export default [
  { ignores: [".next/**", "server/db/generated/**", "node_modules/**", ".data/**", "tmp/**"] },
  ...nextVitals,
  ...tseslint.configs.recommended,
];
