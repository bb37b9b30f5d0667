/**
 * @module export/contract
 * The native JSON contract of SPEC.md (`dossier analyze --json`), as a zod schema. Outside tools
 * rely on these field names: fields may be added, never renamed. Tests validate every output
 * they produce against `NativeDocumentSchema`, which also checks offsets and id references.
 */
import { z } from 'zod';
import { EVENT_TYPES } from '../nlp/doc.ts';

const offset = z.number().int().nonnegative();
const textSpan = z.object({ start: offset, end: offset, text: z.string() });

export const ENTITY_TYPES = ['PERSON', 'ORGANIZATION', 'LOCATION', 'ROLE', 'SOURCE'] as const;
export const MODALITIES = ['asserted', 'reported', 'planned', 'requested', 'conditional', 'negated'] as const;

export const NativeDocumentSchema = z
  .object({
    document: z.object({
      id: z.string().min(1),
      title: z.string().optional(),
      source: z.string().optional(),
      publishedAt: z.string().optional(),
      language: z.string().min(2),
      text: z.string(),
    }),
    sentences: z.array(z.object({ start: offset, end: offset })),
    tokens: z
      .array(
        z.object({
          start: offset,
          end: offset,
          text: z.string(),
          pos: z.string(),
          head: z.number().int().min(-1),
          dep: z.string(),
        }),
      )
      .optional(),
    entities: z.array(
      z.object({
        id: z.string().min(1),
        type: z.enum(ENTITY_TYPES),
        subtype: z.string().optional(),
        name: z.string().min(1),
        kb: z.object({ id: z.string(), wikidata: z.string().optional(), code: z.string().optional() }).optional(),
        geo: z
          .object({
            lat: z.number().min(-90).max(90),
            lon: z.number().min(-180).max(180),
            country: z.string(),
            geonamesId: z.number().int().optional(),
          })
          .optional(),
        anonymous: z.boolean().optional(),
        /** Title held, and the entity it is held in ("Deputy Commander" of the Quds Force). */
        role: z.object({ title: z.string(), of: z.string().optional() }).optional(),
        /** Entity ids of the countries a group or source is described by ("Iraqi politicians"). */
        nationality: z.array(z.string()).optional(),
        mentions: z.array(textSpan),
      }),
    ),
    events: z.array(
      z.object({
        id: z.string().min(1),
        type: z.enum(EVENT_TYPES),
        mode: z.string().optional(),
        context: z.string().optional(),
        cameo: z.string().optional(),
        modality: z.enum(MODALITIES),
        trigger: textSpan,
        sources: z.array(z.string()),
        targets: z.array(z.string()),
        location: z.string().optional(),
        date: z.object({ text: z.string(), start: z.string(), end: z.string() }).optional(),
        claim: z.string().optional(),
      }),
    ),
    claims: z.array(
      z.object({
        id: z.string().min(1),
        start: offset,
        end: offset,
        cue: textSpan.optional(),
        attributedTo: z.array(z.string()),
        via: z.array(z.string()),
        anonymous: z.boolean(),
        hedges: z.array(z.string()),
        certainty: z.number().min(0).max(1),
        quote: z.boolean().optional(),
      }),
    ),
    relations: z.array(
      z.object({
        id: z.string().min(1),
        type: z.string().min(1),
        from: z.string(),
        to: z.string(),
        evidence: z.object({ start: offset, end: offset }),
        claim: z.string().optional(),
      }),
    ),
  })
  .superRefine((d, ctx) => {
    const n = d.document.text.length;
    const checkSpan = (s: { start: number; end: number; text?: string }, path: (string | number)[]) => {
      if (s.start > s.end || s.end > n) {
        ctx.addIssue({ code: 'custom', path, message: `span [${s.start},${s.end}) outside text of length ${n}` });
      } else if (s.text !== undefined && d.document.text.slice(s.start, s.end) !== s.text) {
        ctx.addIssue({ code: 'custom', path, message: `span text "${s.text}" differs from document text` });
      }
    };
    d.sentences.forEach((s, i) => checkSpan(s, ['sentences', i]));
    d.tokens?.forEach((t, i) => {
      checkSpan(t, ['tokens', i]);
      if (t.head >= (d.tokens?.length ?? 0)) ctx.addIssue({ code: 'custom', path: ['tokens', i, 'head'], message: 'head out of range' });
    });
    const ids = new Set<string>();
    const unique = (id: string, path: (string | number)[]) => {
      if (ids.has(id)) ctx.addIssue({ code: 'custom', path, message: `id "${id}" is not unique` });
      ids.add(id);
    };
    d.entities.forEach((e, i) => {
      unique(e.id, ['entities', i, 'id']);
      e.mentions.forEach((m, j) => checkSpan(m, ['entities', i, 'mentions', j]));
    });
    const entityIds = new Set(d.entities.map((e) => e.id));
    const claimIds = new Set(d.claims.map((c) => c.id));
    const ref = (id: string, set: Set<string>, path: (string | number)[]) => {
      if (!set.has(id)) ctx.addIssue({ code: 'custom', path, message: `unknown id "${id}"` });
    };
    d.entities.forEach((e, i) => {
      if (e.role?.of !== undefined) ref(e.role.of, entityIds, ['entities', i, 'role', 'of']);
      e.nationality?.forEach((id, j) => ref(id, entityIds, ['entities', i, 'nationality', j]));
    });
    d.claims.forEach((c, i) => {
      unique(c.id, ['claims', i, 'id']);
      checkSpan(c, ['claims', i]);
      if (c.cue) checkSpan(c.cue, ['claims', i, 'cue']);
      c.attributedTo.forEach((id, j) => ref(id, entityIds, ['claims', i, 'attributedTo', j]));
      c.via.forEach((id, j) => ref(id, entityIds, ['claims', i, 'via', j]));
    });
    d.events.forEach((e, i) => {
      unique(e.id, ['events', i, 'id']);
      checkSpan(e.trigger, ['events', i, 'trigger']);
      e.sources.forEach((id, j) => ref(id, entityIds, ['events', i, 'sources', j]));
      e.targets.forEach((id, j) => ref(id, entityIds, ['events', i, 'targets', j]));
      if (e.location) ref(e.location, entityIds, ['events', i, 'location']);
      if (e.claim) ref(e.claim, claimIds, ['events', i, 'claim']);
    });
    d.relations.forEach((r, i) => {
      unique(r.id, ['relations', i, 'id']);
      checkSpan(r.evidence, ['relations', i, 'evidence']);
      ref(r.from, entityIds, ['relations', i, 'from']);
      ref(r.to, entityIds, ['relations', i, 'to']);
      if (r.claim) ref(r.claim, claimIds, ['relations', i, 'claim']);
    });
  });

/** One analysed document in the native JSON contract. */
export type NativeDocument = z.infer<typeof NativeDocumentSchema>;
export type NativeEntity = NativeDocument['entities'][number];
export type NativeEvent = NativeDocument['events'][number];
export type NativeClaim = NativeDocument['claims'][number];
export type NativeRelation = NativeDocument['relations'][number];
