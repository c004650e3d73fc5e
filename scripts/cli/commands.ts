// The registry of subcommands, in the order `nianbao --help` lists them. One file per command.
import type { Command } from './command.ts';
import { parseCommand } from './parse.ts';
import { evalCommand } from './eval.ts';

export const commands: Command[] = [parseCommand, evalCommand];
