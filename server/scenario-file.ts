// Reading a scenario file: the app's and the test kit's job, not the domain's (which reads no files).
import { readFile } from 'node:fs/promises';
import { validateScenario, type Scenario } from './domain/scenario.js';

export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read scenario ${path}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`Invalid scenario ${path}: not JSON (${(err as Error).message})`);
  }
  return validateScenario(data, path);
}
