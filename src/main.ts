import { ConfigError, loadConfig } from './config.ts';
import { StartupError } from './cli/bootstrap.ts';
import { type Command, CommandError, type CommandOutcome, checkOptions, GLOBAL_OPTIONS, optionsHelp, type OptionSpecs, splitCommandLine, str, UsageError, wantsHelp } from './cli/command-line.ts';
import { auditCommandSpec } from './cli/audit.ts';
import { commentsCommandSpec } from './cli/comments.ts';
import { editionsCommandSpec } from './cli/editions.ts';
import { exportCommand } from './cli/export.ts';
import { importCommand } from './cli/import.ts';
import { mediaCommand } from './cli/media.ts';
import { migrateCommand } from './cli/migrate.ts';
import { reindexCommand } from './cli/reindex.ts';
import { serveCommand } from './cli/serve.ts';
import { userCommandSpec } from './cli/users.ts';
import { DomainError, Invalid } from './domain/errors.ts';
import { problemLines } from './platform/i18n/problems.ts';
import { ImportError } from './services/importer/import-json.ts';

const COMMANDS: readonly Command[] = [serveCommand, migrateCommand, importCommand, reindexCommand, editionsCommandSpec, userCommandSpec, commentsCommandSpec, auditCommandSpec, exportCommand, mediaCommand];

const GLOBAL_HELP = `options of every command (each also an environment variable; see the README for the rest):
${optionsHelp(GLOBAL_OPTIONS)}`;

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `usage: khabar <command> [options]

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

khabar <command> --help shows a command's own help.

${GLOBAL_HELP}`;
}

function commandHelp(c: Command): string {
  return Object.keys(c.options).length ? `${c.help}\n\noptions:\n${optionsHelp(c.options)}\n\n${GLOBAL_HELP}` : `${c.help}\n\n${GLOBAL_HELP}`;
}

const find = (name: string | undefined) => COMMANDS.find((c) => c.name === name);
const unknownCommand = (name: string) => new UsageError(`unknown command "${name}"`);

/** What `khabar …` prints on standard output, or throws what went wrong. */
async function run(argv: string[]): Promise<string | undefined | CommandOutcome> {
  const every: OptionSpecs = Object.assign({}, GLOBAL_OPTIONS, ...COMMANDS.map((c) => c.options));
  const line = splitCommandLine(argv, every);
  const [name, ...args] = line.positionals;
  // `khabar help [command]` and `khabar [command] --help`: help wins over anything else given.
  if (name === 'help') {
    if (!args[0]) return usage();
    const c = find(args[0]);
    if (!c) throw unknownCommand(args[0]);
    return commandHelp(c);
  }
  const command = name === undefined ? undefined : find(name);
  if (name !== undefined && !command) throw unknownCommand(name);
  if (wantsHelp(line)) return command ? commandHelp(command) : usage();
  const c = command ?? serveCommand;
  const values = checkOptions(line, { ...GLOBAL_OPTIONS, ...c.options }, name);
  const env = {
    ...process.env,
    ...(values.port !== undefined && { PORT: str(values.port) }),
    ...(values.host !== undefined && { HOST: str(values.host) }),
    ...(values['database-url'] !== undefined && { DATABASE_URL: str(values['database-url']) }),
    ...(values['site-url'] !== undefined && { SITE_URL: str(values['site-url']) }),
  };
  return c.run(loadConfig(env), args, values);
}

/** The one place that turns outcomes into exit codes and calls process.exit(). */
export async function main(argv: string[]): Promise<never> {
  let code = 0;
  try {
    const out = await run(argv);
    if (typeof out === 'object') {
      console.log(out.output);
      code = out.exitCode;
    } else if (out !== undefined) console.log(out);
  } catch (e) {
    code = 1;
    if (e instanceof UsageError) {
      console.error(`khabar: ${e.message}`);
      code = 2;
    } else if (e instanceof Invalid) {
      // Refused input: every problem, one line each, worded by the catalogue (English).
      console.error(problemLines(e.problems).map((line) => `khabar: ${line}`).join('\n'));
    } else if (e instanceof ConfigError || e instanceof StartupError || e instanceof CommandError || e instanceof ImportError || e instanceof DomainError) {
      console.error(`khabar: ${e.message}`);
    } else {
      console.error('khabar: unexpected error:', e);
    }
  }
  process.exit(code);
}
