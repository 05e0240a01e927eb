export { loadConfig, LOG_LEVELS, type Config, type LogLevel, type BindAddress } from './config.js';
export { ConfigError } from './config-error.js';
export { parseDatabaseUrl, DEFAULT_DATABASE_URL, type DatabaseTarget } from './database-url.js';
