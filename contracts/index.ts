// `secuconnect-mock/contracts`: verify consumer pacts against the mock, and the provider-state catalogue.
export { verifyPacts, type VerifyPactsOptions, type VerifyResult, type VerifyFailure, type Mismatch, type StateChangeError } from './verify.js';
export { providerStates, type ProviderStateDefinition } from './provider-states.js';
export { ProviderStateRunner, type ProviderStateChange } from './provider-state-runner.js';
export { providerStatesMarkdown } from './provider-states-doc.js';
