import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { COMMENTS_USAGE, commentsCommand } from './cli/comments.ts';
import { editionsCommand } from './cli/editions.ts';
import { importFile } from './cli/import.ts';
import { reindex } from './cli/reindex.ts';
import { DomainError, Invalid } from './domain/errors.ts';
import { problemLines } from './platform/i18n/problems.ts';
import { openRuntime, StartupError } from './cli/bootstrap.ts';
import { serve } from './cli/serve.ts';
import { userCommand } from './cli/users.ts';
import { ImportError } from './services/importer/import-json.ts';

const USAGE = `usage: khabar <command> [options]

commands:
  serve              run the site (default)
  migrate            create or update the database schema
  import FILE        import articles from a JSON file (one article or an array)
  reindex            rebuild the search index (with a progress bar)
  editions [list]    show the editions and their settings
  editions set CODE key=value …
                     change edition settings: site-name, tagline, locale, dir, timezone,
                     digits (latn|arab), month-style (gregorian|levantine), hijri, host,
                     default, logo-url, favicon-url, share-image-url
  user add --email E --name N --role R
                     create a newsroom account (administrator, editor, author or
                     contributor); prints a generated password once
  user list          show the accounts
  user set-role --email E --role R
                     change an account's role

${COMMENTS_USAGE}

options (each also an environment variable):
  --port N           PORT (3000)
  --host H           HOST (0.0.0.0)
  --database-url U   DATABASE_URL (sqlite:./data/khabar.sqlite or postgres://…)
  --site-url U       SITE_URL (the public origin, e.g. https://example.org)
  -h, --help         this text`;

/** The one place that turns outcomes into exit codes and calls process.exit(). */
export async function main(argv: string[]): Promise<never> {
  let code = 0;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'database-url': { type: 'string' },
        'site-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        email: { type: 'string' },
        status: { type: 'string' },
        json: { type: 'boolean' },
        name: { type: 'string' },
        role: { type: 'string' },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const env = {
      ...process.env,
      ...(values.port !== undefined && { PORT: values.port }),
      ...(values.host !== undefined && { HOST: values.host }),
      ...(values['database-url'] !== undefined && { DATABASE_URL: values['database-url'] }),
      ...(values['site-url'] !== undefined && { SITE_URL: values['site-url'] }),
    };
    const config = loadConfig(env);
    const [command = 'serve', ...args] = positionals;
    switch (command) {
      case 'serve':
        await serve(config);
        break;
      case 'migrate': {
        const rt = await openRuntime(config);
        await rt.close();
        console.log('khabar: the database schema is up to date');
        break;
      }
      case 'reindex':
        console.log(`khabar: ${await reindex(config)}`);
        break;
      case 'import':
        if (args.length !== 1) throw new UsageError('khabar import needs exactly one FILE');
        console.log(`khabar: ${await importFile(config, args[0]!)}`);
        break;
      case 'editions':
        console.log(await editionsCommand(config, args));
        break;
      case 'comments':
        console.log(await commentsCommand(config, args, { ...(values.status !== undefined && { status: values.status }), ...(values.json && { json: true }), ...(values.email !== undefined && { email: values.email }) }));
        break;
      case 'user':
        console.log(await userCommand(config, args, { email: values.email, name: values.name, role: values.role }));
        break;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    code = 1;
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`khabar: ${e.message}\n\n${USAGE}`);
      code = 2;
    } else if (e instanceof Invalid) {
      // Refused input: every problem, one line each, worded by the catalogue (English).
      console.error(problemLines(e.problems).map((line) => `khabar: ${line}`).join('\n'));
    } else if (e instanceof ConfigError || e instanceof StartupError || e instanceof ImportError || e instanceof DomainError) {
      console.error(`khabar: ${e.message}`);
    } else if (e instanceof Error && /^cannot read /.test(e.message)) {
      console.error(`khabar: ${e.message}`);
    } else {
      console.error('khabar: unexpected error:', e);
    }
  }
  process.exit(code);
}

class UsageError extends Error {}
