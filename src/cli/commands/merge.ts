/**
 * @module cli/commands/merge
 * `dossier merge <entityA> <entityB>`: an analyst says two entities are one; B is merged into A.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { formatMerge } from '../../store/format.ts';
import { withStore } from './search.ts';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('merge')
    .description(
      'Merge entity B into entity A: all mentions, events, claims and relations of B move to A, and B\'s id and names resolve to A from now on. The correction is stored and kept when documents are analysed again.',
    )
    .argument('<entityA>', 'the entity that stays (id, name or knowledge-base id)')
    .argument('<entityB>', 'the entity merged into it (id, name or knowledge-base id)')
    .option('--json', 'print the result as JSON: {id, merged, mentionsMoved}')
    .addHelpText('after', '\nExample:\n  dossier merge "Kata\'ib Hezbollah" "Hezbollah Brigades"')
    .action(async (a: string, b: string, opts: { json?: boolean }) => {
      const r = await withStore(ctx, (s) => s.mergeEntities(a, b));
      if (opts.json) ctx.json(r);
      else ctx.print(formatMerge(r));
    });
}
