// Stata variable names for the wide table: at most 32 characters of [A-Za-z0-9_], unique. Field
// keys such as apps.denied_security_stability.commercial are 41 characters: their words are
// abbreviated (longest first) from a fixed list until the name fits, so a name stays readable and
// the same key always gets the same name; a clash gets a numeric suffix.

const ABBREVIATIONS: [string, string][] = [
  ['security_stability', 'secstab'], ['internal_affairs', 'intaff'], ['enforcement_file', 'enforce'],
  ['needs_creation', 'create'], ['law_prohibited', 'lawban'], ['process_info', 'process'],
  ['state_secret', 'secret'], ['third_party', '3rdpty'], ['admin_query', 'query'],
  ['confirmation', 'confirm'], ['publication', 'pub'], ['commercial', 'comm'], ['nonprofit', 'npo'],
  ['other_org', 'oorg'], ['research', 'res'], ['natural', 'nat'], ['rejected', 'rej'], ['unable', 'no'],
  ['denied', 'den'], ['excessive', 'excess'], ['duplicate', 'dup'], ['petition', 'petit'],
  ['not_held', 'nohold'], ['unclear', 'unclr'], ['correction', 'corr'], ['partly_granted', 'partly'],
  ['carried_forward', 'cfwd'], ['carried_over', 'cover'], ['unpaid_fee', 'unpaid'],
  ['suit_after_review', 'suitrev'], ['normative_docs', 'normdocs'], ['total_published', 'totpub'],
  ['other_services', 'osvc'], ['procurement', 'procure'], ['punishment', 'punish'], ['prev_items', 'prev'],
];

function sanitized(name: string): string {
  const base = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^([0-9])/, '_$1');
  return base || 'v';
}

/** The Stata name of one column, before making names unique. */
export function stataName(column: string): string {
  let name = sanitized(column);
  for (const [word, short] of ABBREVIATIONS) {
    if (name.length <= 32) break;
    name = name.replaceAll(word, short);
  }
  return name.slice(0, 32);
}

/** Stata names for all columns, in order: each ≤ 32 characters, no two alike. */
export function stataNames(columns: string[]): string[] {
  const taken = new Set<string>();
  return columns.map((column) => {
    let name = stataName(column);
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stataName(column).slice(0, 32 - String(n).length - 1)}_${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}
