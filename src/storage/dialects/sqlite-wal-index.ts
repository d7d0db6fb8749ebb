import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Tells, with one small read and no lock, whether anything was committed to a SQLite database in
 * WAL mode since the last look: the first copy of the wal-index header, the first 48 bytes of the
 * `-shm` file (https://www.sqlite.org/walformat.html §2.1), which every commit rewrites — the
 * frame count grows, and a log started over gets new salts — and which every reader of the
 * database reads first. Reading the counter through SQLite instead takes and drops the database
 * file's shared lock (two fcntl calls, an fstat): about five microseconds of CPU, on every
 * request of the public site.
 *
 * A header caught in the middle of a commit differs from the last one seen, so the caller asks
 * SQLite then; only an identical header vouches for "nothing committed". Null where there is no
 * such file to read: an in-memory database, another journal mode, exclusive locking.
 */
export interface WalIndexWatch {
  /**
   * Reads the header now; true when it is the one `remember`ed last (then nothing was committed
   * since that read).
   */
  unchanged(): boolean;
  /** The header read by the last `unchanged()` becomes the one to compare with. */
  remember(): void;
  close(): void;
}

const HEADER_BYTES = 48;
// iVersion (a u32 at 0, in the machine's byte order), isInit (the byte at 12): a live wal-index.
const WAL_INDEX_VERSION = 3007000;
const IS_INIT_OFFSET = 12;

export function watchWalIndex(databasePath: string, db: { pragma(source: string, options: { simple: true }): unknown }): WalIndexWatch | null {
  if (databasePath === ':memory:') return null;
  if (db.pragma('journal_mode', { simple: true }) !== 'wal' || db.pragma('locking_mode', { simple: true }) !== 'normal') return null;
  let fd: number;
  try {
    fd = openSync(`${databasePath}-shm`, 'r');
  } catch {
    return null;
  }
  let seen = Buffer.alloc(HEADER_BYTES);
  let read = Buffer.alloc(HEADER_BYTES);
  let known = false;
  let live = false;
  return {
    unchanged() {
      try {
        live = readSync(fd, read, 0, HEADER_BYTES, 0) === HEADER_BYTES && (read.readUInt32LE(0) === WAL_INDEX_VERSION || read.readUInt32BE(0) === WAL_INDEX_VERSION) && read[IS_INIT_OFFSET] === 1;
      } catch {
        live = false; // then SQLite is asked, as without the file
      }
      return live && known && read.equals(seen);
    },
    remember() {
      known = live;
      [seen, read] = [read, seen];
    },
    close() {
      closeSync(fd);
    },
  };
}
