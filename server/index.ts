// The package's programmatic entry point.
export { buildApp, type BuildOptions } from './app.js';
export { resolveOptions, optionsFromEnv, type MockOptions } from './options.js';
export { validateScenario, type Scenario } from './domain/scenario.js';
export { loadScenarioFile } from './scenario-file.js';
export { DEFAULT_FIXTURES } from './paths.js';
export {
  DEFAULT_CLIENT,
  providerStates,
  type ProviderStateDefinition,
} from './control/provider-states/catalogue.js';
export { ProviderStateRunner, type ProviderStateChange } from './control/provider-states/runner.js';
export { providerStatesMarkdown } from './control/provider-states/docs.js';
