// ESLint for Paso's client code (`make js`): assets/paso (not vendor/) and tests/js.
// ESLint and its rules are installed into .tools from the npm registry (`make eslint`), so
// they are loaded from there rather than from a node_modules next to this file.
import { createRequire } from "node:module";

const require = createRequire(new URL("./.tools/", import.meta.url));
const js = require("@eslint/js");
const globals = require("globals");

export default [
  { ignores: ["assets/paso/vendor/**"] },
  js.configs.recommended,
  {
    files: ["assets/paso/**/*.js", "assets/paso/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
    rules: { "no-unused-vars": ["error", { args: "none" }] },
  },
  {
    // The head script runs before anything else, also on old phone browsers: ES5, a classic
    // script, its configuration given by the line Python puts before it (rxapp/head.py).
    files: ["assets/paso/boot.js"],
    languageOptions: {
      ecmaVersion: 5,
      sourceType: "script",
      globals: { ...globals.browser, pasoBoot: "readonly", Promise: "readonly" },
    },
  },
  {
    files: ["assets/paso/sw.js"],
    // rxapp/pwa.py fills in the public and form paths' patterns when it serves the worker.
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.serviceworker, __PUBLIC__: "readonly", __FORMS__: "readonly" },
    },
  },
  {
    files: ["tests/js/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node, ...globals.browser } },
  },
];
