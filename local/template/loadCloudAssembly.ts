import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnTemplate } from './cloudFormation.ts';

/** A file asset of the cloud assembly (Lambda bundles, …) as cdk.out/<ProLynk>.assets.json lists it. */
export interface FileAsset {
  /** The asset hash (its key in the asset manifest). */
  hash: string;
  /** Absolute path of the asset in cdk.out (a directory for zip-packaged assets). */
  path: string;
  packaging: 'file' | 'zip';
  /** The S3 object key the template refers to (e.g. `<hash>.zip`). */
  objectKey: string;
}

/** One synthesized stack: its template and its assets. */
export interface CloudAssembly {
  directory: string;
  stackName: string;
  templateFile: string;
  template: CfnTemplate;
  assets: FileAsset[];
}

interface Manifest {
  artifacts?: Record<
    string,
    { type: string; displayName?: string; properties?: { templateFile?: string; file?: string } }
  >;
}

interface AssetManifest {
  files?: Record<
    string,
    { source: { path: string; packaging?: 'file' | 'zip' }; destinations: Record<string, { objectKey: string }> }
  >;
}

/** Reads a synthesized cloud assembly (cdk.out): the named stack's template (the only stack by default) and its file assets. */
export function loadCloudAssembly(cdkOutDir: string, stackName?: string): CloudAssembly {
  const manifest = readJson<Manifest>(join(cdkOutDir, 'manifest.json'), 'run `npm run synth` first');
  const artifacts = Object.entries(manifest.artifacts ?? {});
  const stacks = artifacts.filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack');
  const chosen = stackName
    ? stacks.filter(([id, artifact]) => id === stackName || artifact.displayName === stackName)
    : stacks;
  if (chosen.length !== 1) {
    const names = stacks.map(([id]) => id).join(', ') || 'none';
    throw new Error(
      `${cdkOutDir}: expected ${stackName ? `stack ${stackName}` : 'exactly one stack'}; the assembly has ${names}`,
    );
  }
  const [artifactId, artifact] = chosen[0];
  const templateFile = join(cdkOutDir, artifact.properties?.templateFile ?? `${artifactId}.template.json`);
  const template = readJson<CfnTemplate>(templateFile, 'the manifest names it but it is missing');

  const assetArtifact = artifacts.find(
    ([id, candidate]) => candidate.type === 'cdk:asset-manifest' && id === `${artifactId}.assets`,
  );
  const assetManifest = assetArtifact?.[1].properties?.file
    ? readJson<AssetManifest>(
        join(cdkOutDir, assetArtifact[1].properties.file),
        'the manifest names it but it is missing',
      )
    : {};
  const assets = Object.entries(assetManifest.files ?? {})
    .filter(([, asset]) => asset.source.path !== artifact.properties?.templateFile)
    .map(
      ([hash, asset]): FileAsset => ({
        hash,
        path: join(cdkOutDir, asset.source.path),
        packaging: asset.source.packaging ?? 'file',
        objectKey: Object.values(asset.destinations)[0]?.objectKey ?? hash,
      }),
    );
  return { directory: cdkOutDir, stackName: artifactId, templateFile, template, assets };
}

function readJson<T>(path: string, hint: string): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path} not found: ${hint}`);
  }
  return JSON.parse(text) as T;
}
