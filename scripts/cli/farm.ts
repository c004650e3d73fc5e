// `nianbao farm`: starts the test portal farm in the foreground, to look at it in a browser or to
// crawl it by hand with `nianbao seed`.
import { startFarm } from '../../test/farm/index.ts';
import { defineCommand, ExitCode } from './command.ts';
import { number } from './options.ts';

/** The `farm` command. */
export const farmCommand = defineCommand({
  name: 'farm',
  summary: 'serve the test portal farm on loopback addresses',
  description: `
Starts the portal farm the tests and the demo crawl: simulated county portals, each on its own
loopback address (127.0.0.2, 127.0.0.3, …), one per family of portals.md (TRS static, sub-sites,
Hanweb, gkmlpt, opaque ids, query-string lists, a script-rendered list, a flipbook, attachment-only
reports, legacy reports) plus challenge and trap sites. Prints every portal and the reports it
publishes, then serves until Ctrl-C.`,
  options: {
    port: number('N', 'the port every portal listens on (default: a free one)', { integer: true, min: 0, max: 65535 }, 0),
    night: number('N', 'serve the content of night N (2 adds a report and changes a list)', { integer: true, min: 1 }, 1),
  },
  examples: ['nianbao farm --port 8800        # then: nianbao seed http://127.0.0.2:8800/ --impolite'],
  async run({ options }) {
    const farm = await startFarm({ port: options.port, night: options.night });
    for (const p of farm.portals) {
      const reports = farm.truth.filter((t) => t.portalId === p.id).length;
      console.log(`${p.homeUrl.padEnd(28)} ${p.family.padEnd(18)} ${String(reports).padStart(2)} reports  ${p.name}`);
    }
    console.log(`\n${farm.truth.length} reports, ${farm.lookalikes.length} look-alikes. Ctrl-C to stop.`);
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    await farm.stop();
    return ExitCode.ok;
  },
});
