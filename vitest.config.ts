import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const common = {
  exclude: ['node_modules/**', 'dist/**'],
  pool: 'forks' as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

// The HTTP suite runs a second time on the PostgreSQL store when there is one (scripts/services.sh starts it; CI always
// does, and fails loudly without it: see test/support/services.ts). Each project lists its own files: a project that
// extends the root configuration would inherit (and add to) the root's include, running the whole suite twice.
const postgresAvailable = Boolean(process.env.PLEXMCP_TEST_DATABASE_URL?.trim()) || process.env.CI === 'true';
const projects: TestProjectInlineConfiguration[] = [{ test: { ...common, name: 'sql.js', include: ['**/*.test.ts'] } }];
if (postgresAvailable) {
  projects.push({
    test: {
      ...common,
      name: 'postgres',
      include: ['test/server/**/*.test.ts'],
      env: { PLEXMCP_HARNESS_STORE: 'postgres' },
    },
  });
} else {
  console.warn(
    'PLEXMCP_TEST_DATABASE_URL is not set: the HTTP suite runs on sql.js only and the PostgreSQL and Redis tests are ' +
      'skipped; eval "$(bash scripts/services.sh start)" to run them.',
  );
}

export default defineConfig({ test: { ...common, projects } });
