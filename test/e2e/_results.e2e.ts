import * as fs from 'fs';
import { RESULTS } from './harness';

// Root hook: every run starts with an empty test-results/e2e, so screenshots and logs are this run's.
before(() => {
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
});
