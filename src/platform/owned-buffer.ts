/**
 * A copy that owns exactly its bytes, for Buffers kept for long (the page caches): zlib's one-shot
 * functions return a slice of a 16 KiB output chunk and small Buffers are slices of a shared
 * 8 KiB pool, so a kept slice holds several times its length alive — and a cache bounded by the
 * bytes it counts grows three times past its bound.
 */
export function owned(b: Buffer): Buffer {
  if (b.byteOffset === 0 && b.buffer.byteLength === b.length) return b;
  const copy = Buffer.allocUnsafeSlow(b.length);
  b.copy(copy);
  return copy;
}
