import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCargoLock, parseCargoToml } from '../../src/aws/cargo-manifests.js';
import { parseMsbuildPackages, parseNugetLock } from '../../src/aws/dotnet-manifests.js';
import { parseGradleBuild, parseGradleLockfile, parseGradleProperties, parsePom, parseVersionCatalog } from '../../src/aws/java-manifests.js';
import { cargoLineWithFeature } from '../../src/checks/project/sdk-pins-rust.js';

describe('Java manifests', () => {
  it('pom.xml: versions stay strings (2.40 is not 2.4), properties come from parent poms', () => {
    const parent = parsePom('<project><properties><aws.version>2.40</aws.version></properties></project>');
    const child = parsePom(
      '<project>\n<parent><artifactId>p</artifactId></parent>\n<dependencies>\n<dependency>\n<groupId>software.amazon.awssdk</groupId>\n<artifactId>s3</artifactId>\n<version>${aws.version}</version>\n</dependency>\n</dependencies>\n</project>',
      parent.properties,
    );
    assert.equal(child.hasParent, true);
    assert.deepEqual(child.build.dependencies, [{ artifact: 's3', version: '2.40', line: 1 }]);
    assert.throws(() => parsePom('<project><dependencies>'), /not well-formed XML/);
    assert.throws(() => parsePom('<settings/>'), /no <project>/);
  });

  it('Gradle: string and map notations, variables, gradle.properties, platform boms, catalog bundles', () => {
    const props = parseGradleProperties('# comment\nawsVersion=2.41.0\n');
    const catalog = parseVersionCatalog('[versions]\naws = "2.42.0"\n[libraries]\naws-sts = { group = "software.amazon.awssdk", name = "sts", version.ref = "aws" }\naws_signin = "software.amazon.awssdk:signin:2.42.0"\n[bundles]\naws = ["aws-sts", "aws_signin"]\n');
    const build = parseGradleBuild(
      [
        "implementation platform(\"software.amazon.awssdk:bom:${awsVersion}\")",
        "implementation group: 'software.amazon.awssdk', name: 'sqs', version: '2.30.0'",
        '// implementation "software.amazon.awssdk:ignored:1.0"',
        'implementation(libs.bundles.aws)',
      ].join('\n'),
      props,
      catalog,
    );
    assert.deepEqual(build.bom, { artifact: 'bom', version: '2.41.0', line: 1 });
    assert.deepEqual(build.dependencies, [
      { artifact: 'sqs', version: '2.30.0', line: 2 },
      { artifact: 'sts', version: '2.42.0', line: 4 },
      { artifact: 'signin', version: '2.42.0', line: 4 },
    ]);
    assert.deepEqual(parseGradleLockfile('software.amazon.awssdk:signin:2.52.0=runtimeClasspath\ncom.x:y:1=a\n'), [{ artifact: 'signin', version: '2.52.0', line: 1 }]);
  });
});

describe('.NET manifests', () => {
  it('PackageReference attributes and child elements, Update items, and the lock file', () => {
    const refs = parseMsbuildPackages(
      '<Project>\n<ItemGroup>\n<PackageReference Include="AWSSDK.Core">\n<Version>4.0.3.2</Version>\n</PackageReference>\n<PackageReference Update="AWSSDK.Signin" Version="4.0.1" />\n<PackageReference Include="Newtonsoft.Json" Version="13.0.1" />\n</ItemGroup>\n</Project>',
      'PackageReference',
    );
    assert.deepEqual(refs, [
      { id: 'AWSSDK.Core', version: '4.0.3.2', line: 3 },
      { id: 'AWSSDK.Signin', version: '4.0.1', line: 6 },
    ]);
    assert.deepEqual(parseNugetLock('{"version":1,"dependencies":{"net8.0":{"AWSSDK.Core":{"type":"Transitive","resolved":"4.0.3.3"}}}}'), [
      { id: 'AWSSDK.Core', version: '4.0.3.3', line: 1 },
    ]);
    assert.throws(() => parseNugetLock('[]'), /dependencies/);
  });
});

describe('Cargo manifests', () => {
  it('finds aws-config in every dependency table, with workspace inheritance', () => {
    const deps = parseCargoToml(
      '[workspace.dependencies]\naws-config = { version = "1.8.13", features = ["credentials-login"] }\n\n[target.\'cfg(unix)\'.dependencies]\naws-config = { workspace = true }\n\n[dev-dependencies.aws-config]\nversion = "1.8"\n',
    );
    assert.deepEqual(deps.map((d) => [d.table, d.requirement, d.features, d.workspace, d.line]), [
      ['dev-dependencies', '1.8', [], false, 7],
      ['target.cfg(unix).dependencies', null, [], true, 5],
      ['workspace.dependencies', '1.8.13', ['credentials-login'], false, 2],
    ]);
    assert.deepEqual(parseCargoLock('version = 4\n\n[[package]]\nname = "aws-config"\nversion = "1.8.11"\n'), [{ name: 'aws-config', version: '1.8.11', line: 4 }]);
  });

  it('the corrected Cargo.toml line keeps what the line says', () => {
    const base = { requirement: null, features: [], defaultFeatures: true, workspace: false, line: 1, table: 'dependencies' };
    assert.equal(cargoLineWithFeature({ ...base, text: 'aws-config = "1.8.11"' }), 'aws-config = { version = "1.8.11", features = ["credentials-login"] }');
    assert.equal(cargoLineWithFeature({ ...base, text: 'aws-config = { version = "1.8", default-features = false }' }), 'aws-config = { version = "1.8", default-features = false, features = ["credentials-login"] }');
    assert.equal(cargoLineWithFeature({ ...base, text: 'aws-config = { workspace = true, features = [] }' }), 'aws-config = { workspace = true, features = ["credentials-login"] }');
    assert.equal(cargoLineWithFeature({ ...base, features: ['rustls'], text: '[dependencies.aws-config]' }), 'features = ["rustls", "credentials-login"]');
  });
});
