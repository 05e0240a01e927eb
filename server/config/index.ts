export { type BindAddress, type Config, LOG_LEVELS, type LogLevel, loadConfig } from './config.js';
export { ConfigError } from './config-error.js';
export { type DatabaseTarget, DEFAULT_DATABASE_URL, parseDatabaseUrl } from './database-url.js';
