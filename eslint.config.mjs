import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/",
      "dist/",
      ".venv/",
      ".gradbook/",
      "test-artifacts/",
      "test/.tmp-*/",
      "labextension/lib/",
      "labextension/gradbook_labextension/",
      "notebooks/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["scripts/**/*.mjs", "labextension/style/*.js", "*.mjs"],
    languageOptions: { globals: globals.node },
  },
);
