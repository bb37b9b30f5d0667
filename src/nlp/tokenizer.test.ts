import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pretokenizedDocs, tokenize, tokenizer } from './tokenizer.ts';
import { Doc } from './doc.ts';

const words = (text: string) => tokenize(text).tokens.map((t) => t.text);

test('splits clitics the UD way', () => {
  assert.deepEqual(words("They don't know it's over; we can't."), ['They', 'do', "n't", 'know', 'it', "'s", 'over', ';', 'we', 'ca', "n't", '.']);
  assert.deepEqual(words('She’ll say they’re here.'), ['She', '’ll', 'say', 'they', '’re', 'here', '.']);
});

test('keeps apostrophes inside Arabic-derived names', () => {
  assert.deepEqual(words("Kata'ib Hezbollah and Asa'ib Ahl al-Haq"), ["Kata'ib", 'Hezbollah', 'and', "Asa'ib", 'Ahl', 'al', '-', 'Haq']);
});

test('splits hyphens as EWT does, except after kept prefixes', () => {
  assert.deepEqual(words('Iran-backed al-Maliki sent e-mail to non-state co-workers'), ['Iran', '-', 'backed', 'al', '-', 'Maliki', 'sent', 'e-mail', 'to', 'non-state', 'co-workers']);
  assert.deepEqual(words('Call 281-435-0295 about 1990-1991'), ['Call', '281-435-0295', 'about', '1990', '-', '1991']);
});

test('keeps abbreviation periods and splits sentence periods', () => {
  const r = tokenize('Gen. Smith met U.S. officials on Sept. 5. He left.');
  assert.deepEqual(r.tokens.map((t) => t.text), ['Gen.', 'Smith', 'met', 'U.S.', 'officials', 'on', 'Sept.', '5', '.', 'He', 'left', '.']);
  assert.equal(r.sentences.length, 2);
});

test('quotes, brackets, ellipses, numbers, URLs and e-mails', () => {
  assert.deepEqual(words('“Wait…” (he said) 1,000.5 $50 at http://example.com/a?b=1, x@y.org.'), [
    '“', 'Wait', '…', '”', '(', 'he', 'said', ')', '1,000.5', '$', '50', 'at', 'http://example.com/a?b=1', ',', 'x@y.org', '.',
  ]);
});

test('offsets point into the original text', () => {
  const text = '  The  (Coordinating Framework) alliance.\n\nNext paragraph';
  const r = tokenize(text);
  for (const t of r.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.equal(r.sentences.length, 2);
  const s0 = r.sentences[0]!;
  assert.equal(text.slice(s0.start, s0.end), 'The  (Coordinating Framework) alliance.');
  assert.ok(r.tokens.every((t, i) => t.sentence === (i < s0.endToken ? 0 : 1)));
});

test('a closing quote after the period stays in the sentence', () => {
  const r = tokenize('He said, “It could happen soon.” Then he left.');
  assert.equal(r.sentences.length, 2);
  assert.equal(r.tokens[r.sentences[0]!.endToken - 1]!.text, '”');
});

test('pretokenized input keeps sentences and tokens exactly', () => {
  const docs = pretokenizedDocs('Hello world .\nA - B\n\nSecond doc');
  assert.equal(docs.length, 2);
  assert.equal(docs[0]!.text, 'Hello world .\nA - B');
  assert.deepEqual(docs[0]!.tokens.map((t) => t.text), ['Hello', 'world', '.', 'A', '-', 'B']);
  assert.deepEqual(docs[0]!.sentences.map((s) => [s.firstToken, s.endToken]), [[0, 3], [3, 6]]);
  for (const t of docs[0]!.tokens) assert.equal(docs[0]!.text.slice(t.start, t.end), t.text);
});

test('the stage fills doc.sentences and doc.tokens', () => {
  const stage = tokenizer();
  assert.equal(stage.name, 'tokenizer');
  assert.deepEqual(stage.assigns, ['sentences', 'tokens']);
  const doc = new Doc('Hamas fired rockets. Israel responded.', { id: 'd', language: 'en' });
  stage.run(doc, { warn: () => {} });
  assert.equal(doc.sentences.length, 2);
  assert.equal(doc.tokens.length, 7);
});

test('abbreviations inside brackets and hyphenated words do not end the sentence', () => {
  const r = tokenize('Dr. Smith (D-Calif.) met Sen. Jones at 3 p.m. on Jan. 5th. They agreed.');
  assert.equal(r.sentences.length, 2);
  assert.ok(r.tokens.some((t) => t.text === 'Calif.'));
});

test('"no." is an abbreviation only before a number; state and day abbreviations only when capitalised', () => {
  assert.deepEqual(words('He won the No. 1 spot. Hell no. Thats a great name.'), ['He', 'won', 'the', 'No.', '1', 'spot', '.', 'Hell', 'no', '.', 'Thats', 'a', 'great', 'name', '.']);
  assert.equal(tokenize('Hell no. Thats a great name.').sentences.length, 2);
  assert.deepEqual(words('Springfield, Ill. is far. He was ill. Then he left.'), ['Springfield', ',', 'Ill.', 'is', 'far', '.', 'He', 'was', 'ill', '.', 'Then', 'he', 'left', '.']);
});

test('a sentence-final abbreviation gives its period a token of its own (UD), offsets intact', () => {
  const text = 'They sold wine, cheese, etc. The rest went to Apple Inc. in May. Ask Apple Inc.';
  const r = tokenize(text);
  assert.deepEqual(r.sentences.map((s) => text.slice(s.start, s.end)), ['They sold wine, cheese, etc.', 'The rest went to Apple Inc. in May.', 'Ask Apple Inc.']);
  assert.deepEqual(words(text), ['They', 'sold', 'wine', ',', 'cheese', ',', 'etc', '.', 'The', 'rest', 'went', 'to', 'Apple', 'Inc.', 'in', 'May', '.', 'Ask', 'Apple', 'Inc', '.']);
  for (const t of r.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  r.sentences.forEach((s, si) => {
    for (let k = s.firstToken; k < s.endToken; k++) assert.equal(r.tokens[k]!.sentence, si);
  });
  assert.equal(r.sentences.at(-1)!.endToken, r.tokens.length);
  // dotted abbreviations keep their period (UD EWT: "U.S." ends a sentence whole)
  assert.deepEqual(words('He moved to the U.S. Then he left.').slice(3, 5), ['the', 'U.S.']);
});

test('runs of symbols and emoticons are single tokens', () => {
  assert.deepEqual(words('****NOTICE**** great :-) <<File>>'), ['****', 'NOTICE', '****', 'great', ':-)', '<<', 'File', '>>']);
});

test('a plural possessive apostrophe inside a name neither closes a quote nor ends the sentence', () => {
  const text = "Two drones hit the base on Sunday. The Kurdistan Workers' Party (PKK) claimed responsibility for the attack in a statement.";
  const r = tokenize(text);
  assert.deepEqual(r.sentences.map((s) => text.slice(s.start, s.end)), [
    'Two drones hit the base on Sunday.',
    "The Kurdistan Workers' Party (PKK) claimed responsibility for the attack in a statement.",
  ]);
  const lower = tokenize("The soldiers' families said the fighters’ commanders had fled. Talks resumed.");
  assert.equal(lower.sentences.length, 2);
});

test('the learned splitter does not break a run of capitalised name words on one line', () => {
  const text = 'Officials of the Popular Mobilization Forces Security Council Emergency Committee Kataib Hezbollah Brigade Command met.';
  assert.equal(tokenize(text).sentences.length, 1);
});

test('a quoted phrase closed by an apostrophe still closes', () => {
  const r = tokenize("He called it 'a matter for the courts'. Then he left.");
  assert.equal(r.sentences.length, 2);
});

test('the learned splitter ends a date/time header without punctuation but keeps a news dateline', () => {
  const header = 'Sent by Scott Neal 08/16/2000 03:48 PM I spoke to John about the deal.';
  assert.deepEqual(tokenize(header).sentences.map((s) => header.slice(s.start, s.end)).at(-1), 'I spoke to John about the deal.');
  const dateline = 'BAGHDAD (Reuters) - Iraqi forces said on Monday that two rockets hit the Green Zone.';
  assert.equal(tokenize(dateline).sentences.length, 1);
});

test('a list number opening a sentence does not end it', () => {
  const text = 'Here are my comments:\n\n1. The pricing is too high. 2. The schedule is fine.\n\n*3. The third point.';
  const r = tokenize(text, { sentenceModel: null });
  assert.deepEqual(r.sentences.map((s) => text.slice(s.start, s.end)), ['Here are my comments:', '1. The pricing is too high.', '2. The schedule is fine.', '*3. The third point.']);
});

test('invariants over generated text with abbreviations, quotes and breaks: token texts match their offsets, sentences tile the tokens', () => {
  const parts = ['etc.', 'Inc.', 'no.', 'No.', '5', 'the', 'The', '"', ')', '(', 'Ill.', 'ill.', 'U.S.', '.', '...', '\n\n', '\n', 'X.', 'So', 'al.', '!', '?', '”', "'", 'St.'];
  let seed = 1;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let it = 0; it < 3000; it++) {
    let s = '';
    for (let k = 1 + Math.floor(rnd() * 12); k > 0; k--) s += parts[Math.floor(rnd() * parts.length)]! + (rnd() < 0.8 ? ' ' : '');
    const r = tokenize(s);
    let prevEnd = 0;
    for (const t of r.tokens) {
      assert.equal(s.slice(t.start, t.end), t.text, JSON.stringify(s));
      assert.ok(t.start >= prevEnd && t.end > t.start, JSON.stringify(s));
      prevEnd = t.end;
    }
    let next = 0;
    r.sentences.forEach((x, si) => {
      assert.equal(x.firstToken, next, JSON.stringify(s));
      assert.ok(x.endToken > x.firstToken);
      assert.equal(x.start, r.tokens[x.firstToken]!.start);
      assert.equal(x.end, r.tokens[x.endToken - 1]!.end);
      for (let k = x.firstToken; k < x.endToken; k++) assert.equal(r.tokens[k]!.sentence, si);
      next = x.endToken;
    });
    assert.equal(next, r.tokens.length, JSON.stringify(s));
  }
});
