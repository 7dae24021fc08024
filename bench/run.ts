/**
 * `npm run bench [-- --quick] [-- --json] [-- --only rules,startup]`: figures beside baselines from
 * the same run. --quick runs small sizes so a test can check the harness itself (not its timings).
 */
import { ratio, table, type Figure } from './report';
import { benchCampaign } from './sections/campaign';
import { benchReaction, benchWave } from './sections/reaction';
import { benchRules } from './sections/rules';
import { benchStartup } from './sections/startup';
import { benchStockRun } from './sections/stockRun';
import { benchUi } from './sections/ui';

type Section = (opts: { quick: boolean }) => Promise<Figure[]>;

const SECTIONS: Record<string, Section> = {
  reaction: benchReaction,
  wave: benchWave,
  campaign: benchCampaign,
  stockRun: benchStockRun,
  stockRunBusy: (o) => benchStockRun({ ...o, busy: true }),
  rules: benchRules,
  ui: benchUi,
  uiBusy: (o) => benchUi({ ...o, busy: true }),
  startup: benchStartup,
};

async function main() {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const json = argv.includes('--json');
  const onlyAt = argv.indexOf('--only');
  const onlyList = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
  if (onlyAt >= 0 && !onlyList) throw new Error('--only needs a comma-separated list of sections');
  const only = onlyList ? onlyList.split(',') : Object.keys(SECTIONS);
  const figures: Figure[] = [];
  for (const name of only) {
    const section = SECTIONS[name];
    if (!section) throw new Error(`unknown section ${name}; known: ${Object.keys(SECTIONS).join(', ')}`);
    if (!json) process.stderr.write(`… ${name}\n`);
    figures.push(...(await section({ quick })));
  }
  const machine = { node: process.versions.node, cpus: (await import('node:os')).cpus().length, quick };
  // Each figure carries its ratio to its baseline (null where it has none).
  if (json) process.stdout.write(`${JSON.stringify({ machine, figures: figures.map((f) => ({ ...f, ratio: ratio(f) })) }, null, 2)}\n`);
  else process.stdout.write(`${table(figures)}\n\n(${machine.cpus} cores, Node ${machine.node}${quick ? ', --quick sizes' : ''})\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
