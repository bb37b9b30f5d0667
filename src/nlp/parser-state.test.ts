import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseState, SHIFT, LEFT, RIGHT, N_ACTIONS } from './parser-state.ts';

/** Follow the cheapest valid action (ties: SHIFT, LEFT, RIGHT) and return the heads built. */
function oracleParse(gold: number[]): Int32Array {
  const n = gold.length;
  const g = Int32Array.from(gold, (h) => (h < 0 ? n : h));
  const st = new ParseState(n);
  while (!st.terminal) {
    let best = -1;
    let bestCost = Infinity;
    for (let a = 0; a < N_ACTIONS; a++) {
      if (!st.valid(a)) continue;
      const c = st.cost(a, g);
      if (c < bestCost) {
        bestCost = c;
        best = a;
      }
    }
    st.apply(best);
  }
  return Int32Array.from(st.heads, (h) => (h === n ? -1 : h));
}

test('the dynamic oracle rebuilds a projective gold tree exactly', () => {
  // "Iraqi factions moved to Syria ." : factions<-Iraqi, moved<-factions, root=moved, to<-Syria, Syria<-moved, .<-moved
  const gold = [1, 2, -1, 4, 2, 2];
  assert.deepEqual([...oracleParse(gold)], gold);
  const gold2 = [-1, 0, 0, 2, 3, 0];
  assert.deepEqual([...oracleParse(gold2)], gold2);
});

test('the root sits at the end of the buffer, so a tree has exactly one root', () => {
  const st = new ParseState(2);
  assert.equal(st.valid(LEFT), false);
  assert.equal(st.valid(RIGHT), false);
  st.apply(SHIFT);
  st.apply(SHIFT);
  assert.equal(st.valid(SHIFT), false, 'ROOT cannot be shifted');
  assert.equal(st.valid(LEFT), false, 'only a single remaining word may attach to ROOT');
  st.apply(RIGHT);
  assert.equal(st.valid(LEFT), true);
  st.apply(LEFT);
  assert.ok(st.terminal);
  assert.deepEqual([...st.heads], [2, 0]);
});

test('costs count the gold arcs an action makes unreachable', () => {
  const g = Int32Array.from([1, 2, 3]); // chain to ROOT (3)
  const st = new ParseState(3);
  st.apply(SHIFT); // stack [0], buffer [1,2,ROOT]
  assert.equal(st.cost(LEFT, g), 0, '0 <- 1 is gold');
  st.apply(SHIFT); // stack [0,1]
  assert.equal(st.cost(RIGHT, g), 1, 'attaching 1 to 0 loses 1 <- 2');
});
