/**
 * Writes generated/schema.d.ts from openapi.yaml with openapi-typescript.
 * `--check` writes nothing and exits 1 when the file on disk differs from what would be generated.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('../', import.meta.url);
const specUrl = new URL('openapi.yaml', root);
const outUrl = new URL('generated/schema.d.ts', root);

const HEADER = `/**
 * Generated from openapi.yaml by \`npm run generate\`: do not edit.
 * \`npm run generate:check\` fails when this file is stale.
 */
`;

export async function renderSchemaTypes(): Promise<string> {
  const ast = await openapiTS(specUrl, { emptyObjectsUnknown: true, alphabetize: false, defaultNonNullable: false });
  return HEADER + astToString(ast);
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const fresh = await renderSchemaTypes();
  const outPath = fileURLToPath(outUrl);
  if (check) {
    const onDisk = await readFile(outPath, 'utf8').catch(() => '');
    if (onDisk !== fresh) {
      console.error('generated/schema.d.ts is stale: run `npm run generate` and commit the result.');
      process.exit(1);
    }
    console.log('generated/schema.d.ts is up to date.');
    return;
  }
  await mkdir(new URL('generated/', root), { recursive: true });
  await writeFile(outPath, fresh);
  console.log('wrote generated/schema.d.ts');
}

await main();
