// Each tenant has its own clock: real time plus an offset the control plane can advance (to expire
// tokens or age objects) or a frozen instant for reproducible scenarios. Timestamps are rendered as
// the API does: ISO 8601, no milliseconds, with the Europe/Berlin offset (e.g. +01:00 / +02:00).

const HOUR_MS = 3_600_000;
let offsetFormat: Intl.DateTimeFormat | undefined;

/**
 * The Europe/Berlin offset from Intl. Offsets change only on whole UTC hours, so one look-up serves
 * an hour; the hours looked up are kept (a clock run over a year of renewals asks for a few
 * thousand), and forgotten all at once past a bound.
 */
const offsetOfHour = new Map<number, number>();
const MAX_HOURS_KEPT = 100_000;

export function berlinOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  const known = offsetOfHour.get(hour);
  if (known !== undefined) return known;
  offsetFormat ??= new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' });
  const name = offsetFormat.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  if (offsetOfHour.size >= MAX_HOURS_KEPT) offsetOfHour.clear();
  offsetOfHour.set(hour, offset);
  return offset;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2021-02-25T08:47:25+01:00` for the given epoch milliseconds. */
let lastSecond = NaN;
let lastText = '';

export function formatTimestamp(ms: number): string {
  // Every object made in one second shares one string (and the work): timestamps are stored on
  // every entity. Joined, the string is flat; a template of pieces would keep its pieces alive.
  const second = Math.floor(ms / 1000);
  if (second === lastSecond) return lastText;
  const offset = berlinOffsetMinutes(ms);
  const local = new Date(ms + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  lastText = [
    local.getUTCFullYear(), '-', pad(local.getUTCMonth() + 1), '-', pad(local.getUTCDate()),
    'T', pad(local.getUTCHours()), ':', pad(local.getUTCMinutes()), ':', pad(local.getUTCSeconds()),
    sign, pad(Math.floor(abs / 60)), ':', pad(abs % 60),
  ].join('');
  lastSecond = second;
  return lastText;
}

export interface ClockState {
  offsetMs: number;
  frozenAt: number | null;
}

export class Clock {
  offsetMs = 0;
  frozenAt: number | null = null;
  /** Told after the clock moved or was set (a journal records it). */
  onChange: (() => void) | null = null;

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  timestamp(): string {
    return formatTimestamp(this.now());
  }

  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
    this.onChange?.();
  }

  get state(): ClockState {
    return { offsetMs: this.offsetMs, frozenAt: this.frozenAt };
  }

  set state(s: ClockState) {
    this.offsetMs = s.offsetMs;
    this.frozenAt = s.frozenAt;
    this.onChange?.();
  }
}

/** A date of birth `1901-02-03` as Payment Customers echo it: `1901-02-03T00:00:00+01:00`. */
export function formatDateAtMidnight(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  // The offset in force at midnight itself, not at noon: on a DST switch day the two differ.
  const wall = Date.UTC(y, m - 1, d);
  const guess = wall - berlinOffsetMinutes(wall) * 60_000;
  return formatTimestamp(wall - berlinOffsetMinutes(guess) * 60_000);
}
