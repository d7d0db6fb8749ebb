import { openRuntime } from './bootstrap.ts';
import { type Command, UsageError } from './command-line.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'create or update the database schema',
  help: `usage: khabar migrate [options]

Creates the database schema, or brings it up to date, and exits. The other commands do the
same on their way in; this one is for a deployment that migrates before it starts.`,
  options: {},
  async run(config, args) {
    if (args.length) throw new UsageError('migrate takes no arguments', 'migrate');
    const rt = await openRuntime(config);
    await rt.close();
    return 'khabar: the database schema is up to date';
  },
};
