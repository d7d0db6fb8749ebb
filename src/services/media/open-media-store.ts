import type { Config, MediaStoreLocation } from '../../config.ts';
import { FileStore } from './file-store.ts';
import type { MediaStore } from './media-store.ts';
import { S3Store } from './s3-store.ts';

export function openMediaStore(l: MediaStoreLocation): MediaStore {
  return l.kind === 'file' ? new FileStore(l.dir) : new S3Store(l);
}

/** The store the configuration names (MEDIA_STORE, else the folder MEDIA_DIR). */
export function configuredMediaStore(config: Pick<Config, 'mediaDir' | 'mediaBucket'>): MediaStore {
  return openMediaStore(configuredLocation(config));
}

export function configuredLocation(config: Pick<Config, 'mediaDir' | 'mediaBucket'>): MediaStoreLocation {
  return config.mediaBucket ? { kind: 's3', ...config.mediaBucket } : { kind: 'file', dir: config.mediaDir };
}
