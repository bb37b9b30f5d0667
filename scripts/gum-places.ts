/**
 * Reader for GUM's CoNLL-U entity annotations (build time, for the eval sets): documents of the
 * chosen genres as plain text (sentences from `# text =`, paragraphs by `# newpar`) with the
 * character spans of their annotated entities, their GUM type (place, person, organization, …)
 * and their Wikipedia identity when GUM gives one.
 */
export interface GumMention {
  start: number;
  end: number;
  text: string;
  type: string;
  identity: string;
}
export interface GumDoc {
  id: string;
  text: string;
  mentions: GumMention[];
}

export function readGum(conllu: string, docFilter: (id: string) => boolean): GumDoc[] {
  const docs: GumDoc[] = [];
  let doc: GumDoc | undefined;
  let sentText = '';
  let base = 0;
  let cursor = 0;
  let newpar = false;
  const open: { id: string; type: string; identity: string; start: number; end: number }[] = [];
  for (const line of conllu.split('\n')) {
    const nd = /^# newdoc id = (\S+)/.exec(line);
    if (nd) {
      doc = docFilter(nd[1]!) ? { id: nd[1]!, text: '', mentions: [] } : undefined;
      if (doc) docs.push(doc);
      open.length = 0;
      continue;
    }
    if (!doc) continue;
    if (line.startsWith('# newpar')) newpar = true;
    const t = /^# text = (.*)$/.exec(line);
    if (t) {
      if (doc.text.length > 0) doc.text += newpar ? '\n\n' : ' ';
      newpar = false;
      base = doc.text.length;
      sentText = t[1]!;
      doc.text += sentText;
      cursor = 0;
      continue;
    }
    if (!/^\d+\t/.test(line)) continue;
    const cols = line.split('\t');
    const form = cols[1]!;
    let at = sentText.indexOf(form, cursor);
    if (at < 0) at = cursor;
    const end = at + form.length;
    cursor = end;
    const ent = /Entity=([^|]*)/.exec(cols[9] ?? '')?.[1] ?? '';
    // Openers: "(12-place-new-...-coref-Identity" possibly closed on the same token ")".
    for (const m of ent.matchAll(/\((\d+)-([a-z]+)([^()]*)(\)?)/g)) {
      const info = m[3] ?? '';
      const identity = /-(?:coref|sgl)-(.+)$/.exec(info)?.[1] ?? '';
      const rec = { id: m[1]!, type: m[2]!, identity, start: base + at, end: base + end };
      if (m[4]) doc.mentions.push({ start: rec.start, end: rec.end, text: doc.text.slice(rec.start, rec.end), type: rec.type, identity });
      else open.push(rec);
    }
    for (const o of open) o.end = base + end;
    const rest = ent.replace(/\((\d+)-[^()]*\)/g, '');
    for (const m of rest.matchAll(/(?:^|[^-\w])(\d+)\)/g)) {
      const i = open.map((o) => o.id).lastIndexOf(m[1]!);
      if (i < 0) continue;
      const o = open.splice(i, 1)[0]!;
      doc.mentions.push({ start: o.start, end: o.end, text: doc.text.slice(o.start, o.end), type: o.type, identity: o.identity });
    }
  }
  for (const d of docs) d.mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return docs;
}
