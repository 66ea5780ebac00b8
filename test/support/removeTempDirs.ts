// Setup file (vitest.config.ts): after each test file, the temporary folders it made are removed.
import { afterAll } from 'vitest';
import { removeTestTempDirs } from './tempDirs.ts';

afterAll(removeTestTempDirs);
