// `npx tsx eval/freeze.ts text names`: (re)writes the freeze of frozen corpora. Re-freezing a
// corpus after tuning on it ends its life as a held-out measure: say so in the commit.
import { corpusRegistry, OWN_DEFAULT_SEED } from './corpora.js';

const wanted = process.argv.slice(2);
const entries = corpusRegistry({ seed: OWN_DEFAULT_SEED, regression: false }).filter(
  (e) => e.frozen && (wanted.length === 0 || wanted.includes(e.name)),
);
for (const entry of entries) {
  const loaded = await entry.load();
  if (!entry.frozen) continue;
  await entry.frozen.write(loaded.docs);
  console.log(`froze ${entry.name}: ${loaded.docs.length} documents → ${entry.frozen.file}`);
}
