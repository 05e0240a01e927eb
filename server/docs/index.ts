/** The reference docs page (found, or built once) and the package root it is found from. */

export { findPackageRoot, PACKAGE_NAME, packageInfo } from '../../contract/index.js';
export { type DocsPage, type DocsPageOptions, loadDocsPage } from './docs-page.js';
export { docsContentSecurityPolicy, offlinePage } from './offline-page.js';
