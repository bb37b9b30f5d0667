/**
 * @module kb/types
 * The knowledge-base record format, as zod schemas (validated when a file is loaded) and the
 * TypeScript types derived from them. One schema serves the shipped `data/kb/actors.json`,
 * the curated YAML source and user `--kb extra.yaml` files.
 */
import { z } from 'zod';

export const ACTOR_TYPES = ['PERSON', 'ORGANIZATION', 'LOCATION'] as const;
export const AFFILIATION_RELS = ['member_of', 'part_of', 'aligned_with', 'allied_with', 'leads', 'funded_by'] as const;

const isoDay = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date YYYY, YYYY-MM or YYYY-MM-DD');

export const affiliationSchema = z.object({
  rel: z.enum(AFFILIATION_RELS),
  /** Id of the other actor. */
  target: z.string().min(1),
  /** Title held, e.g. "deputy commander". */
  role: z.string().optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
});

export const datedCodeSchema = z.object({
  code: z.string().min(3),
  from: isoDay.optional(),
  to: isoDay.optional(),
});

export const actorSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/, 'expected lower-case letters, digits and underscores'),
  name: z.string().min(1),
  type: z.enum(ACTOR_TYPES),
  subtype: z.string().optional(),
  /** Current CAMEO-style country+sector code, e.g. IRNMIL. */
  code: z.string().optional(),
  /** Dated codes (offices held), e.g. a premiership. */
  codes: z.array(datedCodeSchema).optional(),
  /** ISO 3166-1 alpha-3 country the actor belongs to. */
  country: z.string().length(3).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  /**
   * Nationality adjectives/nouns: of a country ("Iranian"), or of a region ("Kurdish" on the
   * Kurdistan Region), which the resolver uses only when the document names that region.
   */
  demonyms: z.array(z.string().min(1)).optional(),
  /** For media outlets: what "the newspaper" / "the radio" / "the agency" can refer back to. */
  medium: z.enum(['newspaper', 'broadcaster', 'agency']).optional(),
  wikidata: z.string().regex(/^Q\d+$/, 'expected a Wikidata id like Q794').optional(),
  affiliations: z.array(affiliationSchema).optional(),
  source: z.string().optional(),
});

export type KbActor = z.infer<typeof actorSchema>;
export type Affiliation = z.infer<typeof affiliationSchema>;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** A curated source record: an actor plus build instructions for merging Phoenix entries. */
export const curatedActorSchema = actorSchema.extend({
  merge_phoenix: z.array(z.string()).optional(),
  drop_aliases: z.array(z.string()).optional(),
  /** Regular expression over upper-case Phoenix phrases to drop (e.g. persons listed under a group). */
  drop_alias_pattern: z.string().optional(),
  source: z.string().min(1, 'every curated actor needs a source note'),
});
export type CuratedActor = z.infer<typeof curatedActorSchema>;

/** The file the runtime loads. */
export const kbFileSchema = z.object({
  version: z.literal(1),
  sources: z.array(z.object({ name: z.string(), licence: z.string(), attribution: z.string() })).default([]),
  actors: z.array(actorSchema),
});
export type KbFile = z.infer<typeof kbFileSchema>;

/** A user extension file: either `{actors: [...]}` or a bare list of actors. */
export const extraFileSchema = z.union([z.array(actorSchema), z.object({ actors: z.array(actorSchema) })]);
