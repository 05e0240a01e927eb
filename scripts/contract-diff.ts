/**
 * `npm run contract:diff`: is openapi.yaml backward compatible with the released contract of its major version
 * (contract/released/v<major>.yaml)? Prints every change with its verdict; exits 1 when a change would break a client.
 */
import { fileURLToPath } from 'node:url';
import { checkContract } from '../contract/diff/release.js';

const result = await checkContract(fileURLToPath(new URL('../', import.meta.url)));
process.stdout.write(`${result.report}\n`);
process.exitCode = result.ok ? 0 : 1;
