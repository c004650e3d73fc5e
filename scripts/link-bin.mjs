// npm links a package's bin for its dependents, not for the package itself; the tests, the
// scorer in ../shared/tools and the README all call node_modules/.bin/nianbao, so link it here:
// to the compiled command (dist/, made by npm run build).
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, 'node_modules', '.bin');
const target = join(root, 'dist', 'scripts', 'cli', 'entry.js');
mkdirSync(binDir, { recursive: true });
rmSync(join(binDir, 'nianbao'), { force: true });
symlinkSync(relative(binDir, target), join(binDir, 'nianbao'));
if (existsSync(target)) chmodSync(target, 0o755);
