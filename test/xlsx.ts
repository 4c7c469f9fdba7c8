// Reading an .xlsx back in tests with an implementation other than ours: Python's zipfile (which checks
// every entry's checksum) and XML parser, from Debian.
import { execFileSync } from 'node:child_process';

/** Reads every sheet of an .xlsx back as rows of text, by Python's standard library. */
export function readXlsx(file: string): Record<string, string[][]> {
  const script = `
import json, re, sys, zipfile
import xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
ET.fromstring(z.read('[Content_Types].xml'))
rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
out = {}
for sheet in ET.fromstring(z.read('xl/workbook.xml')).find('m:sheets', ns):
    rows = []
    for row in ET.fromstring(z.read('xl/' + rels[sheet.get('{%s}id' % ns['r'])])).find('m:sheetData', ns):
        cells = {}
        for c in row:
            col = re.match('[A-Z]+', c.get('r')).group(0)
            idx = 0
            for ch in col: idx = idx * 26 + ord(ch) - 64
            t = c.find('m:is/m:t', ns) if c.get('t') == 'inlineStr' else c.find('m:v', ns)
            cells[idx - 1] = t.text or ''
        rows.append([cells.get(i, '') for i in range(max(cells) + 1)] if cells else [])
    out[sheet.get('name')] = rows
print(json.dumps(out, ensure_ascii=False))
`;
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}
