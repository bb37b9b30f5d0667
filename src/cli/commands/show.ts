/**
 * @module cli/commands/show
 * `dossier show entity|event|document <id-or-name>`: one stored item with its evidence
 * sentences and sources.
 */
import { Argument, type Command } from 'commander';
import type { CliContext } from '../context.ts';
import { DossierError } from '../../errors.ts';
import { formatEntity, formatEvent } from '../../store/format.ts';
import { summarize } from '../summary.ts';
import { withStore } from './search.ts';

type Kind = 'entity' | 'event' | 'document';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('show')
    .description(
      'Show one stored entity, event or document with its evidence. An entity: names it goes by, documents, the sentences that mention it, its events and relations. An event: who did what to whom, where and when, the sentence, the claim behind it (sources, outlet, hedges, certainty) and the other reports of the same event. A document: its summary.',
    )
    .addArgument(new Argument('<kind>', 'what to show').choices(['entity', 'event', 'document']))
    .argument('<id>', 'entity id or name (e.g. "Nouri al-Maliki" or a knowledge-base id), event id (<documentId>:<eventId>), or document id')
    .option('--json', 'print the full record as JSON')
    .addHelpText('after', '\nExamples:\n  dossier show entity "Quds Force"\n  dossier show event doc_1a2b3c:ev3 --json\n  dossier show document doc_1a2b3c')
    .action(async (kind: Kind, id: string, opts: { json?: boolean }) => {
      await withStore(ctx, async (s) => {
        if (kind === 'entity') {
          const e = await s.getEntity(id);
          if (opts.json) ctx.json(e);
          else ctx.print(formatEntity(e));
        } else if (kind === 'event') {
          const e = await s.getEvent(id);
          if (opts.json) ctx.json(e);
          else ctx.print(formatEvent(e));
        } else {
          const d = await s.getDocument(id);
          if (!d) throw new DossierError('NOT_FOUND', `no document with id "${id}" (search for one with \`dossier search\`)`, { input: id });
          if (opts.json) ctx.json(d);
          else ctx.print(summarize(d));
        }
      });
    });
}
