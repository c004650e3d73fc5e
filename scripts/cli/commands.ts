// The registry of subcommands, in the order `nianbao --help` lists them. One file per command.
import type { Command } from './command.ts';
import { parseCommand } from './parse.ts';

export const commands: Command[] = [parseCommand];
