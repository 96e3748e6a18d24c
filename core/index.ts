/**
 * The evaluation core: the only entry point other folders import.
 * Pure TypeScript: no npm packages and no node:* modules, so the browser, the worker and the
 * tests all run the same code.
 */
export * from "./policy/index";
export * from "./cognito/index";
export * from "./grading/index";
