/**
 * `npm run contract:release`: releases openapi.yaml as the contract of its major version. Refuses a breaking change
 * (the same guard as `npm run contract:diff`) or an unchanged `info.version`; otherwise adds the version's section to
 * CHANGELOG-API.md and copies openapi.yaml to contract/released/v<major>.yaml.
 */
import { fileURLToPath } from 'node:url';
import { releaseContract } from '../contract/diff/release.js';

const result = await releaseContract(fileURLToPath(new URL('../', import.meta.url)));
process.stdout.write(`${result.report}\n`);
process.exitCode = result.ok ? 0 : 1;
