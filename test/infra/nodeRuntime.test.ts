import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

// The local stack runs each function's bundle in this very process (worker threads), so the Node
// that runs the tests is the Node that runs the functions locally; it must be Lambda's.
describe('one Node major, locally and on Lambda', () => {
  it('every Lambda function in the synthesized template runs on the Node major that runs the tests', () => {
    const template = JSON.parse(readFileSync(join(ROOT, 'cdk.out', 'ProLynk-local.template.json'), 'utf8'));
    const runtimes = Object.values(
      template.Resources as Record<string, { Type: string; Properties: { Runtime?: string } }>,
    )
      .filter((resource) => resource.Type === 'AWS::Lambda::Function')
      .map((resource) => resource.Properties.Runtime);
    expect(runtimes.length).toBeGreaterThan(0);
    const major = process.versions.node.split('.')[0];
    expect(new Set(runtimes)).toEqual(new Set([`nodejs${major}.x`]));
    expect(Number(major)).toBeGreaterThanOrEqual(24);
  });
});
