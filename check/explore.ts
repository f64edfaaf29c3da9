// Explore: compare orderlens's reports with the outside recomputation (test/outside-compare.ts) on any store.
//   npx vite-node check/explore.ts STORE.db AS_OF[,AS_OF…] SHOP|cur:CODE|all[,…]
// e.g. npx vite-node check/explore.ts /tmp/check-7.db 2011-06-01 uk,cur:GBP   (the store: /work/mig/build.sh)
// Prints the number of differences per report and the first 8 of each.
import { ordersInDb } from '../test/outside-recompute.js';
import { compareRfm, comparePareto, compareChurn, compareCohorts, compareSimpleLtv } from '../test/outside-compare.js';
const db = process.argv[2];
const asOfs = process.argv[3].split(',');
const shops = process.argv[4].split(',');
for (const asOf of asOfs) for (const s of shops) {
  const [who, since, until] = s.split(':').length === 3 && !s.startsWith('cur:') ? s.split(':') : [s];
  const f = { ...(who.startsWith('cur:') ? { currency: who.slice(4) } : who === 'all' ? {} : { shop: who }), ...(since ? { since } : {}), ...(until ? { until } : {}) };
  for (const [name, fn] of [['rfm', compareRfm], ['pareto', comparePareto], ['churn', compareChurn], ['cohorts', compareCohorts]] as const) {
    try { const l = await fn(db, ordersInDb(db), asOf, f); console.log(`${asOf} ${s} ${name}: ${l.length} diffs`); for (const x of l.slice(0, 8)) console.log('  ' + x); }
    catch (e) { console.log(`${asOf} ${s} ${name}: ERROR ${(e as Error).message.slice(0, 300)}`); }
  }
  try { const l = await compareSimpleLtv(db, ordersInDb(db), asOf, 3, f); console.log(`${asOf} ${s} simple-ltv: ${l.length} diffs`); for (const x of l.slice(0, 8)) console.log('  ' + x); }
  catch (e) { console.log(`${asOf} ${s} simple-ltv: ERROR ${(e as Error).message.slice(0, 300)}`); }
}
