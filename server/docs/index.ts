/** The reference docs page (found, or built once) and the package root it is found from. */
export { loadDocsPage, type DocsPage, type DocsPageOptions } from './docs-page.js';
export { docsContentSecurityPolicy, offlinePage } from './offline-page.js';
export { findPackageRoot, packageInfo, PACKAGE_NAME } from '../package-root.js';
