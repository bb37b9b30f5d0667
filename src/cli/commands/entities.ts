/**
 * @module cli/commands/entities
 * `dossier entities`: the entities merged across all stored documents, most mentioned first.
 */
import { Option, type Command } from 'commander';
import type { CliContext } from '../context.ts';
import { ENTITY_TYPES } from '../../export/contract.ts';
import type { EntityType } from '../../nlp/doc.ts';
import { formatEntityList } from '../../store/format.ts';
import { positiveInt, withStore } from './search.ts';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('entities')
    .description(
      'List entities merged across all stored documents (by knowledge-base id, else by type and full name), most mentioned first, with mention and document counts. Correct a wrong merge with `dossier split`, a missed one with `dossier merge`.',
    )
    .addOption(new Option('-t, --type <type>', 'only entities of this type').choices([...ENTITY_TYPES]))
    .option('-n, --limit <n>', 'show at most this many entities', positiveInt, 50)
    .option('--json', 'print the list as JSON: [{id, type, name, kbId, mentionCount, documentCount}]')
    .action(async (opts: { type?: EntityType; limit: number; json?: boolean }) => {
      const list = await withStore(ctx, (s) => s.listEntities({ limit: opts.limit, ...(opts.type !== undefined && { type: opts.type }) }));
      if (opts.json) ctx.json(list);
      else ctx.print(formatEntityList(list));
    });
}
