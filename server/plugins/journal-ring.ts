// One ring of the request journal, stored by column: a slot's fields are written in place into
// plain arrays (numbers unboxed), so that recording a request allocates no object of its own and
// the newest `capacity` entries cost the collector nothing but the strings they keep. The body of a
// successful read is kept for the newest READ_BODIES reads only: under load a body kept longer
// survives the young generation and costs a GET about 15 % of its throughput; these die young.
export interface JournalRecord {
  seq: number;
  id: string;
  method: string;
  url: string;
  status: number;
  /** Epoch ms. */
  wall: number;
  /** Tenant-clock ms; NaN: no tenant. */
  clock: number;
  duration: number;
  request: string | null;
  requestBytes: number;
  response: string | null;
  responseBytes: number;
}

/** Successful reads (GET) of a ring whose response body is kept. */
export const READ_BODIES = 32;

export class JournalRing {
  /** Slot and seq of the reads whose body is kept, a ring of READ_BODIES. */
  private readonly readSlots: number[] = [];
  private readonly readSeqs: number[] = [];
  private readAt = 0;
  private readonly seqs: number[] = [];
  private readonly ids: string[] = [];
  private readonly methods: string[] = [];
  private readonly urls: string[] = [];
  private readonly statuses: number[] = [];
  private readonly walls: number[] = [];
  private readonly clocks: number[] = [];
  private readonly durations: number[] = [];
  private readonly requests: (string | null)[] = [];
  private readonly requestSizes: number[] = [];
  private readonly responses: (string | null)[] = [];
  private readonly responseSizes: number[] = [];
  /** Estimated bytes of each slot. */
  private readonly costs: number[] = [];
  private head = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    /** The tenant's client id; null: the ring of requests of no tenant. */
    readonly client: string | null,
  ) {}

  get size(): number {
    return this.count;
  }

  /** Writes the next entry, over the oldest when full; answers the bytes that freed (0: none). */
  write(
    seq: number, id: string, method: string, url: string, status: number, wall: number, clock: number, duration: number,
    request: string | null, requestBytes: number, response: string | null, responseBytes: number, cost: number, read: boolean,
  ): number {
    let freed = 0;
    let slot: number;
    if (this.count < this.capacity) {
      slot = (this.head + this.count++) % this.capacity;
    } else {
      slot = this.head;
      freed = this.costs[slot]!;
      this.head = (this.head + 1) % this.capacity;
    }
    this.seqs[slot] = seq;
    this.ids[slot] = id;
    this.methods[slot] = method;
    this.urls[slot] = url;
    this.statuses[slot] = status;
    this.walls[slot] = wall;
    this.clocks[slot] = clock;
    this.durations[slot] = duration;
    this.requests[slot] = request;
    this.requestSizes[slot] = requestBytes;
    this.responses[slot] = response;
    this.responseSizes[slot] = responseBytes;
    this.costs[slot] = cost;
    if (read && response !== null) this.keepReadBody(slot, seq);
    return freed;
  }

  /** The read before the last READ_BODIES loses its body (if its slot still holds it). */
  private keepReadBody(slot: number, seq: number): void {
    const at = this.readAt;
    this.readAt = (at + 1) % READ_BODIES;
    if (at < this.readSlots.length) {
      const old = this.readSlots[at]!;
      if (this.seqs[old] === this.readSeqs[at]) this.responses[old] = null;
    }
    this.readSlots[at] = slot;
    this.readSeqs[at] = seq;
  }

  /** Drops the oldest entry; answers the bytes that freed. */
  dropOldest(): number {
    if (this.count === 0) return 0;
    const slot = this.head;
    this.requests[slot] = this.responses[slot] = null;
    this.urls[slot] = this.ids[slot] = '';
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    return this.costs[slot]!;
  }

  /** Every entry's bytes together. */
  clear(): number {
    let freed = 0;
    while (this.count > 0) freed += this.dropOldest();
    this.head = 0;
    return freed;
  }

  /** Seq of each entry, newest first, until `visit` returns false; `visit` gets the slot to read. */
  newestFirst(visit: (slot: number, seq: number) => boolean | void): void {
    for (let i = this.count - 1; i >= 0; i--) {
      const slot = (this.head + i) % this.capacity;
      if (visit(slot, this.seqs[slot]!) === false) return;
    }
  }

  idAt(slot: number): string {
    return this.ids[slot]!;
  }

  read(slot: number): JournalRecord {
    return {
      seq: this.seqs[slot]!,
      id: this.ids[slot]!,
      method: this.methods[slot]!,
      url: this.urls[slot]!,
      status: this.statuses[slot]!,
      wall: this.walls[slot]!,
      clock: this.clocks[slot]!,
      duration: this.durations[slot]!,
      request: this.requests[slot]!,
      requestBytes: this.requestSizes[slot]!,
      response: this.responses[slot]!,
      responseBytes: this.responseSizes[slot]!,
    };
  }
}
