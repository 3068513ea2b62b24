// `secuconnect-mock/contracts`: verify consumer pacts against the mock, and the provider-state catalogue.
export { verifyPacts, type VerifyPactsOptions, type VerifyResult, type VerifyFailure, type Mismatch, type MockAnswer, type StateChangeError } from './verify.js';
export { providerStates, providerStatesMarkdown, ProviderStateRunner, type ProviderStateDefinition, type ProviderStateChange } from '../server/index.js';
