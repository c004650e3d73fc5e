// A document the parsers cannot read at all. Carries a reason a user can act on; the CLI prints it
// and storage records it beside the capture, so nothing is lost and the run goes on.
export class UnreadableDocumentError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'UnreadableDocumentError';
  }
}
