import { startFarm } from './test/farm/index.ts';
const farm = await startFarm({ portals: Number(process.argv[2] ?? 15) });
console.log(JSON.stringify(farm.portals.map((p) => p.homeUrl)));
setInterval(() => {}, 1 << 30);
