// A PDF whose /OpenAction runs JavaScript (app.alert, then a form submission to a given URL), made
// here rather than committed: what an archived PDF with an embedded script looks like.

/** The bytes of a one-page PDF that, opened in a viewer that runs scripts, alerts and calls `beaconUrl`. */
export function pdfWithOpenActionScript(beaconUrl: string): Buffer {
  const js = `app.alert('PDF SCRIPT RAN'); this.submitForm({cURL: '${beaconUrl}', cSubmitAs: 'HTML'}); app.launchURL('${beaconUrl}?launch=1', true);`;
  const content = 'BT /F1 24 Tf 72 700 Td (PDF with a script) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /JavaScript << /Names [(open) 5 0 R] >> >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Type /Action /S /JavaScript /JS (${js.replace(/[\\()]/g, (c) => `\\${c}`)}) >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
