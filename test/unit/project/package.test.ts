import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const VSIX = path.join(ROOT, 'openai-key-doctor.vsix');
const MAX_VSIX_BYTES = 250 * 1024;

interface ZipEntry {
  name: string;
  size: number;
  read(): Buffer;
}

/** The entries of a zip file, from its central directory (a .vsix is a zip). */
function readZip(file: string): ZipEntry[] {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({
      name,
      size,
      read: () => {
        const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(dataStart, dataStart + compressed);
        return method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
      },
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('the packaged .vsix', () => {
  let entries: ZipEntry[];
  before(() => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run npm run package first`);
    entries = readZip(VSIX);
  });

  it(`weighs at most ${MAX_VSIX_BYTES / 1024} KB`, () => {
    const size = fs.statSync(VSIX).size;
    assert.ok(size <= MAX_VSIX_BYTES, `the .vsix is ${(size / 1024).toFixed(1)} KB`);
  });

  it('holds only the code the extension runs: its two bundles, no CLI, no source maps, no sources or tests', () => {
    const names = entries.map((e) => e.name);
    assert.deepStrictEqual(names.filter((n) => n.startsWith('extension/dist/')).sort(), ['extension/dist/extension.js', 'extension/dist/probes.js']);
    assert.deepStrictEqual(names.filter((n) => /\.map$|\.ts$|^extension\/(src|test|out|node_modules|bench|scripts)\//.test(n)), []);
  });

  it('ships minified bundles that refer to no source map', () => {
    for (const bundle of ['extension/dist/extension.js', 'extension/dist/probes.js']) {
      const code = entries.find((e) => e.name === bundle)!.read().toString('utf8');
      const lines = code.split('\n').length;
      assert.ok(code.length / lines > 500, `${bundle} does not look minified (${lines} lines for ${code.length} characters)`);
      assert.doesNotMatch(code, /sourceMappingURL/, `${bundle} points at a source map`);
    }
  });

  it('loads the probes bundle from the extension bundle at run time, so both must ship', () => {
    const extension = entries.find((e) => e.name === 'extension/dist/extension.js')!.read().toString('utf8');
    assert.match(extension, /probes\.js/);
  });
});
