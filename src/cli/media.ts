import { type Config, ConfigError, mediaStoreName, parseMediaStore } from '../config.ts';
import { checkMedia, type MediaCheckReport, type MediaMigrationReport, migrateMedia } from '../services/media/media-migration.ts';
import { mediaBases } from '../services/media/media-references.ts';
import { configuredLocation, configuredMediaStore, openMediaStore } from '../services/media/open-media-store.ts';
import { openRuntime } from './bootstrap.ts';
import { type Command, type CommandOutcome, CommandError, str, UsageError } from './command-line.ts';
import { progressBar } from './reindex.ts';

const LISTED = 50;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A list of keys, the first LISTED of them. */
function keyLines(title: string, keys: readonly string[]): string[] {
  if (!keys.length) return [];
  const more = keys.length > LISTED ? [`  … and ${keys.length - LISTED} more (--json lists them all)`] : [];
  return ['', `${title} (${keys.length}):`, ...keys.slice(0, LISTED).map((k) => `  ${k}`), ...more];
}

export function formatMigration(r: MediaMigrationReport): string {
  return [
    `media moved from ${r.from} to ${r.to}`,
    `  images: ${r.images}`,
    `  files copied: ${r.copied} (${(r.bytes / 1024 / 1024).toFixed(1)} MiB); already there: ${r.present}; missing from ${r.from}: ${r.missing.length}`,
    `  addresses rewritten: ${plural(r.articles, 'article')}, ${plural(r.revisions, 'revision')}, ${plural(r.editions, 'edition')}`,
    ...keyLines(`missing from ${r.from}`, r.missing),
    '',
    `Now set MEDIA_STORE=${r.to} on every instance and restart them; ${r.from} was left as it was (remove it once nothing reads it).`,
  ].join('\n');
}

export function formatCheck(r: MediaCheckReport): string {
  return [
    `${r.store}: ${plural(r.images, 'image')} in the library, ${plural(r.objects, 'object')} in the store`,
    ...keyLines('objects with no image in the library', r.orphans),
    ...keyLines('files the library lists that the store does not have', r.missing),
    ...(r.orphans.length || r.missing.length ? [] : ['', 'every object belongs to an image, and every image has its files']),
  ].join('\n');
}

async function migrate(config: Config, to: string, json: boolean, out: NodeJS.WriteStream): Promise<CommandOutcome> {
  let target;
  try {
    target = parseMediaStore('--to', to, config.s3);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message, 'media');
    throw e;
  }
  const source = configuredLocation(config);
  if (mediaStoreName(source) === mediaStoreName(target)) throw new CommandError(`the media store is ${mediaStoreName(source)} already (MEDIA_STORE); --to names another one`);
  const rt = await openRuntime(config);
  const from = openMediaStore(source);
  const dest = openMediaStore(target);
  try {
    const bar = progressBar(out);
    const report = await migrateMedia({
      repos: rt.repos, from, to: dest,
      bases: mediaBases({ siteUrl: config.siteUrl, mediaPublicUrl: config.mediaPublicUrl, storeAddresses: [from.address, dest.address] }),
      onProgress: bar,
    });
    if (out.isTTY) out.write('\n');
    return { output: json ? JSON.stringify(report, null, 2) : formatMigration(report), exitCode: report.missing.length ? 2 : 0 };
  } finally {
    from.close?.();
    dest.close?.();
    await rt.close();
  }
}

async function check(config: Config, json: boolean): Promise<CommandOutcome> {
  const rt = await openRuntime(config);
  const store = configuredMediaStore(config);
  try {
    const report = await checkMedia({ repos: rt.repos, store });
    return { output: json ? JSON.stringify(report, null, 2) : formatCheck(report), exitCode: report.orphans.length || report.missing.length ? 2 : 0 };
  } finally {
    store.close?.();
    await rt.close();
  }
}

export const mediaCommand: Command = {
  name: 'media',
  summary: 'move the media library to another store; check it against its store',
  help: `usage: khabar media migrate --to s3://BUCKET/PREFIX | --to file:DIR [--json]
       khabar media check [--json]

migrate  copies every image of the library (originals and variants) from the store the site
         uses (MEDIA_STORE, or MEDIA_DIR) to the one --to names, reached with S3_ENDPOINT,
         S3_REGION, S3_FORCE_PATH_STYLE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; then
         rewrites every address of a library image that articles, their revisions and editions
         keep at an old place (SITE_URL/media/…, MEDIA_PUBLIC_URL, a bucket's own address) into
         /media/…, which names no store. Run it again after a failure: it skips what is there.
         Progress on standard error; then a report (exit code 2 when files were missing).
         The old store is left as it was: set MEDIA_STORE to the new one on every instance.
check    lists the objects in the store that belong to no image of the library, and the files
         the library lists that the store does not have (exit code 2 when it lists any).`,
  options: {
    to: { type: 'string', arg: 'STORE', help: 'migrate: where the library goes, s3://bucket/prefix or file:<dir>' },
    json: { type: 'boolean', help: 'the report as JSON' },
  },
  async run(config, args, values) {
    const [sub, ...rest] = args;
    if (rest.length) throw new UsageError(`media ${sub} takes no other arguments`, 'media');
    const json = values.json === true;
    if (sub === 'migrate') {
      const to = str(values.to);
      if (!to) throw new UsageError('media migrate needs --to s3://bucket/prefix or --to file:<dir>', 'media');
      return migrate(config, to, json, process.stderr);
    }
    if (values.to !== undefined) throw new UsageError('--to is for media migrate', 'media');
    if (sub === 'check') return check(config, json);
    throw new UsageError(sub ? `unknown media command "${sub}"` : 'media needs a command: migrate or check', 'media');
  },
};
