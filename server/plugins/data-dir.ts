// `--data-dir`: the store made durable on one machine. Every change the store records (journal
// entries) is appended to `journal.log` and fsynced before the request that caused it is answered;
// writes that arrive while a sync runs go to disk together with the next one. At start-up the dir's
// snapshot and log are loaded over the freshly seeded scenario, then compacted into a new snapshot.
// Each log line carries a checksum, so a torn or corrupt tail is found, reported and never loaded.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, open, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { MockError } from '../domain/errors.js';
import { applyEntry, loadImage, storeImage } from '../store/journal.js';
import type { JournalEntry, StoreImage } from '../store/journal-entries.js';
import type { Store } from '../store/store.js';

/** The layout this version writes; a dir of a newer one is refused, not misread. */
export const DATA_FORMAT = 1;

interface Manifest {
  format: number;
  scenario: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Journal entries appended before the request began: more when it has answered means it wrote. */
    journalMark: number;
  }
}

const checksum = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 16);
const frame = (entry: JournalEntry) => {
  const json = JSON.stringify(entry);
  return `${checksum(json)} ${json}\n`;
};

/** The entries of a log, up to the first line that is torn or fails its checksum. */
export function readLog(text: string): { entries: JournalEntry[]; problem?: string } {
  const entries: JournalEntry[] = [];
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const line = end === -1 ? text.slice(at) : text.slice(at, end);
    const problem = (what: string) => ({ entries, problem: `${what} at byte ${at} of the journal (entry ${entries.length + 1}); it and the ${text.length - at} bytes after it are not loaded` });
    if (end === -1) return problem('a torn last entry');
    const space = line.indexOf(' ');
    const json = line.slice(space + 1);
    if (space !== 16 || checksum(json) !== line.slice(0, 16)) return problem('a corrupt entry');
    entries.push(JSON.parse(json) as JournalEntry);
    at = end + 1;
  }
  return { entries };
}

async function writeDurably(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const readIfThere = (path: string) => readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));

export class DataDir {
  /** Entries appended, and of those the ones on disk. */
  appended = 0;
  synced = 0;
  private pending: string[] = [];
  private waiters: { upTo: number; resolve: () => void; reject: (err: Error) => void }[] = [];
  private running = false;
  private scheduled = false;
  private failure: Error | null = null;
  /** Bytes in the log since the last snapshot. */
  private logBytes = 0;

  private constructor(
    private readonly dir: string,
    private readonly store: Store,
    private log: FileHandle,
    private readonly compactAfterBytes: number,
  ) {}

  /**
   * Loads the dir over `store` (seeded from the scenario whose hash is `scenario`), compacts it and
   * from then on records every change. `report` hears what was found wrong and skipped.
   */
  static async open(dir: string, store: Store, scenario: string, report: (message: string) => void, compactAfterBytes: number): Promise<DataDir> {
    await mkdir(dir, { recursive: true });
    const manifestPath = join(dir, 'format.json');
    const manifestText = await readIfThere(manifestPath);
    if (manifestText !== undefined) {
      const manifest = JSON.parse(manifestText) as Manifest;
      if (manifest.format > DATA_FORMAT) {
        throw new Error(`data dir ${dir} was written in format ${manifest.format} by a newer secuconnect-mock; this one reads format ${DATA_FORMAT}`);
      }
      if (manifest.scenario !== scenario) {
        throw new Error(`data dir ${dir} holds the state of another scenario; start with that scenario, or with an empty data dir`);
      }
    } else {
      await writeDurably(manifestPath, JSON.stringify({ format: DATA_FORMAT, scenario } satisfies Manifest));
    }
    const snapshot = await readIfThere(join(dir, 'snapshot.json'));
    if (snapshot !== undefined) loadImage(store, JSON.parse(snapshot) as StoreImage);
    const logPath = join(dir, 'journal.log');
    const { entries, problem } = readLog((await readIfThere(logPath)) ?? '');
    for (const entry of entries) applyEntry(store, entry);
    if (problem) {
      report(`data dir: ${problem}`);
      // Kept byte for byte, as found, before the log is rewritten.
      await copyFile(logPath, join(dir, `journal.log.skipped-${Date.now()}`));
    }
    // Compaction: what was loaded becomes the snapshot, and the log starts empty.
    await writeDurably(join(dir, 'snapshot.json'), JSON.stringify(storeImage(store)));
    await writeFile(logPath, '');
    // Append mode: every write goes to the end, also after a compaction truncated the file.
    const log = await open(logPath, 'a');
    await log.sync();
    await syncDir(dir);
    const dataDir = new DataDir(dir, store, log, compactAfterBytes);
    store.journal = (entry) => dataDir.append(entry);
    // Pushes still pending when the process stopped go out again.
    for (const tenant of store.allTenants()) if (tenant.outbox.all().some((p) => p.status === 'pending')) store.onPushes?.(tenant);
    return dataDir;
  }

  private append(entry: JournalEntry): void {
    this.pending.push(frame(entry));
    this.appended++;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.drain();
      });
    }
  }

  /** Resolves once every entry appended so far is on disk. */
  durable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.synced >= this.appended) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ upTo: this.appended, resolve, reject }));
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending.length > 0) {
        const chunk = this.pending.join('');
        const upTo = this.appended;
        this.pending = [];
        await this.log.write(chunk);
        await this.log.datasync();
        this.logBytes += Buffer.byteLength(chunk);
        if (this.logBytes > this.compactAfterBytes) await this.compact();
        this.synced = Math.max(this.synced, upTo);
        const synced = this.synced;
        this.waiters = this.waiters.filter((w) => (w.upTo <= synced ? (w.resolve(), false) : true));
      }
    } catch (err) {
      this.failure = err as Error;
      for (const w of this.waiters.splice(0)) w.reject(this.failure);
    } finally {
      this.running = false;
    }
  }

  /**
   * The state in memory becomes the snapshot and the log starts empty. The image holds every entry
   * appended so far, also those still pending, so they are on disk with it.
   */
  private async compact(): Promise<void> {
    const image = JSON.stringify(storeImage(this.store));
    const upTo = this.appended;
    this.pending = [];
    await writeDurably(join(this.dir, 'snapshot.json'), image);
    await this.log.truncate(0);
    await this.log.datasync();
    this.logBytes = 0;
    this.synced = upTo;
    this.compactions++;
  }

  /** How often the log was compacted while running. */
  compactions = 0;

  /** Writes what is pending, compacts into a snapshot and closes the log. */
  async close(): Promise<void> {
    this.store.journal = null;
    await this.drain();
    await this.log.close();
    if (this.failure) return;
    await writeDurably(join(this.dir, 'snapshot.json'), JSON.stringify(storeImage(this.store)));
    await writeFile(join(this.dir, 'journal.log'), '');
    await syncDir(this.dir);
  }
}

/** Answers a request that changed the store only once its change is on disk. */
export default fp(
  async function dataDirHooks(app: FastifyInstance, opts: { dataDir: DataDir }) {
    const { dataDir } = opts;
    app.decorateRequest('journalMark', 0);
    app.addHook('onRequest', (request, _reply, done) => {
      request.journalMark = dataDir.appended;
      done();
    });
    // Callback style: on every request (reads too) an async hook would cost a promise and a tick.
    app.addHook('onSend', (request, _reply, payload, done) => {
      if (dataDir.appended <= request.journalMark) return done(null, payload);
      dataDir.durable().then(
        () => done(null, payload),
        () => {
          request.journalMark = dataDir.appended; // the envelope itself waits for nothing
          done(new MockError('storageUnavailable'));
        },
      );
    });
    app.addHook('onClose', () => dataDir.close());
  },
  { name: 'data-dir' },
);
