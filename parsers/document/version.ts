// Bumped whenever a change to any parser could change a parse result; storage records it on every
// parsed report so `nianbao reparse` knows what is stale.
export const PARSER_VERSION = '0.1.0';
