import { randomBytes } from 'node:crypto';

// Deterministic ids: each tenant owns a seeded generator, so a scenario replays to the same ids.
// sfc32 is small, fast and its whole state is four numbers, which makes snapshots trivial.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SUFFIX_LENGTH = 30;
const ALPHABET_CODES = [...ALPHABET].map((c) => c.charCodeAt(0));
const LOWER_CODES = [...ALPHABET.toLowerCase()].map((c) => c.charCodeAt(0));
const UNDERSCORE = 95;

export type IdPrefix = 'STX' | 'PCI' | 'PCU' | 'PCT' | 'SUB' | 'PLN' | 'MRC' | 'GCR' | 'PCR';

export interface IdGeneratorState {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** cyrb128: spreads a string seed over four 32-bit words. */
function seedState(seed: string): IdGeneratorState {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return { a: (h1 ^ h2 ^ h3 ^ h4) >>> 0, b: (h2 ^ h1) >>> 0, c: (h3 ^ h1) >>> 0, d: (h4 ^ h1) >>> 0 };
}

export class IdGenerator {
  private s: IdGeneratorState;

  constructor(seed: string) {
    this.s = seedState(seed);
  }

  /** Next 32-bit unsigned number (sfc32). */
  next(): number {
    const s = this.s;
    const t = (((s.a + s.b) | 0) + s.d) | 0;
    s.d = (s.d + 1) | 0;
    s.a = s.b ^ (s.b >>> 9);
    s.b = (s.c + (s.c << 3)) | 0;
    s.c = (s.c << 21) | (s.c >>> 11);
    s.c = (s.c + t) | 0;
    return t >>> 0;
  }

  id(prefix: IdPrefix): string {
    // Built from char codes in one go: appending 30 characters one by one would leave a chain of
    // string pieces (about 600 bytes) behind every stored id until something flattens it.
    const codes = [prefix.charCodeAt(0), prefix.charCodeAt(1), prefix.charCodeAt(2), UNDERSCORE];
    for (let i = 0; i < SUFFIX_LENGTH; i++) codes.push(ALPHABET_CODES[this.next() % ALPHABET_CODES.length]);
    return String.fromCharCode(...codes);
  }

  /** A positive integer of the given number of digits (trans_id and the like). */
  digits(count: number): number {
    return 10 ** (count - 1) + (this.next() % (9 * 10 ** (count - 1)));
  }

  /** Lowercase alphanumerics, as in legacy transaction hashes. */
  hash(length: number): string {
    const codes: number[] = [];
    for (let i = 0; i < length; i++) codes.push(LOWER_CODES[this.next() % LOWER_CODES.length]);
    return String.fromCharCode(...codes);
  }

  get state(): IdGeneratorState {
    return { ...this.s };
  }

  set state(state: IdGeneratorState) {
    this.s = { ...state };
  }
}

export const ID_PATTERN = '^[A-Z]{3}_[A-Z0-9]{30}$';

/** 128 random bits as hex: for what must not be guessed (page secrets), so never from the seeded sequence. */
export const newSecret = (): string => randomBytes(16).toString('hex');
