/**
 * @module cli/commands/split
 * `dossier split <entity> --document <docId>`: an analyst says an entity's mentions in one
 * document (or some single mentions) are someone else; they move to a new entity.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { DossierError } from '../../errors.ts';
import { formatSplit } from '../../store/format.ts';
import { withStore } from './search.ts';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('split')
    .description(
      'Split a wrongly merged entity: its mentions in one document (--document), or the given mentions (--mention, ids from `dossier show entity --json`), move to a new entity. The correction is stored and kept when documents are analysed again.',
    )
    .argument('<entity>', 'the entity to split (id, name or knowledge-base id)')
    .option('-d, --document <docId>', 'move every mention of the entity in this document')
    .option('-m, --mention <id...>', 'move these mentions (their numeric ids)')
    .option('--json', 'print the result as JSON: {from, id, mentionsMoved}')
    .addHelpText('after', '\nExample:\n  dossier split "Mohammed al-Sistani" --document doc_9f2c41')
    .action(async (entity: string, opts: { document?: string; mention?: string[]; json?: boolean }) => {
      if ((opts.document === undefined) === (opts.mention === undefined)) {
        throw new DossierError('USAGE', 'split: give either --document <docId> or --mention <id...> (exactly one)', { input: entity });
      }
      const ids = (opts.mention ?? []).map((m) => {
        if (!/^\d+$/.test(m)) throw new DossierError('USAGE', `split: --mention expects numeric mention ids, got "${m}"`, { input: m });
        return Number(m);
      });
      const r = await withStore(ctx, (s) =>
        opts.document !== undefined
          ? s.splitEntity(entity, { documentId: opts.document })
          : s.splitEntity(entity, { mentionIds: ids }),
      );
      if (opts.json) ctx.json(r);
      else ctx.print(formatSplit(r));
    });
}
