import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import * as path from 'node:path';
import { explainProviderFailure, NO_MIRROR_ADVICE, searchProviderMirror } from '../../scripts/terraform-offline';
interface CdktfScript {
  clearOtherFormat: (args: string[], root: string) => string[];
  cliEnvironment: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
  unquoteReferences: (text: string) => string;
  unquoteHclReferences: (args: string[], root: string) => string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdktfScript = require('../../scripts/cdktf.js') as CdktfScript;
const { clearOtherFormat, cliEnvironment, unquoteReferences, unquoteHclReferences } = cdktfScript;

const PROVIDER = path.join('registry.terraform.io', 'hashicorp', 'aws', '5.100.0');
const tree = () => mkdtempSync(path.join(tmpdir(), 'first-run-'));
const mirrorAt = (root: string, ...segments: string[]) => {
  const mirror = path.join(root, ...segments);
  mkdirSync(path.join(mirror, PROVIDER), { recursive: true });
  return mirror;
};

describe('the provider mirror is found without TF_PROVIDER_MIRROR, as .ci/run finds it', () => {
  test('a mirror two levels down is found', () => {
    const root = tree();
    mkdirSync(path.join(root, 'home', 'someone'), { recursive: true });
    const mirror = mirrorAt(root, 'opt', 'tf-plugins');
    expect(searchProviderMirror(root)).toBe(mirror);
  });

  test('the shallowest mirror wins, breadth first', () => {
    const root = tree();
    mirrorAt(root, 'a', 'b', 'deep');
    const shallow = mirrorAt(root, 'z');
    expect(searchProviderMirror(root)).toBe(shallow);
  });

  test('the search stops at its depth and never enters node_modules, .git or cdktf.out', () => {
    const root = tree();
    mirrorAt(root, 'one', 'two', 'three', 'four');
    mirrorAt(root, 'node_modules', 'pkg');
    mirrorAt(root, 'project', '.git');
    mirrorAt(root, 'project', 'cdktf.out');
    expect(searchProviderMirror(root, 3)).toBeUndefined();
    expect(searchProviderMirror(root, 4)).toBe(path.join(root, 'one', 'two', 'three', 'four'));
  });

  test('a directory with the provider of another version is not a mirror', () => {
    const root = tree();
    mkdirSync(path.join(root, 'old', 'registry.terraform.io', 'hashicorp', 'aws', '5.99.0'), { recursive: true });
    expect(searchProviderMirror(root)).toBeUndefined();
  });

  test("terraform's registry failure gets one sentence of what to set; other failures are left as they are", () => {
    const failure = 'Error: Failed to query available provider packages\n\nCould not retrieve the list...';
    expect(explainProviderFailure(failure)).toBe(
      `terraform could not get the hashicorp/aws provider: ${NO_MIRROR_ADVICE}.\n${failure}`,
    );
    expect(NO_MIRROR_ADVICE).toMatch(
      /^set TF_PROVIDER_MIRROR to a directory holding registry\.terraform\.io\/hashicorp\/aws\/5\.100\.0/,
    );
    expect(explainProviderFailure('Error: Unsupported argument')).toBe('Error: Unsupported argument');
  });
});

describe('each synth clears what the other output format left', () => {
  function project(output?: string) {
    const root = tree();
    writeFileSync(path.join(root, 'cdktf.json'), JSON.stringify(output ? { output } : {}));
    const stacks = ['appointments-dev', 'appointments-prod'].map((stack) => {
      const dir = path.join(root, output ?? 'cdktf.out', 'stacks', stack);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'cdk.tf.json'), '{}');
      writeFileSync(path.join(dir, 'cdk.tf'), '');
      return dir;
    });
    return { root, stacks };
  }
  const present = (dirs: string[], file: string) => dirs.map((dir) => existsSync(path.join(dir, file)));

  test('synth --hcl removes every stack cdk.tf.json and keeps cdk.tf', () => {
    const { root, stacks } = project();
    expect(clearOtherFormat(['synth', '--hcl'], root)).toHaveLength(2);
    expect([present(stacks, 'cdk.tf.json'), present(stacks, 'cdk.tf')]).toEqual([
      [false, false],
      [true, true],
    ]);
  });

  test.each(['synth', 'plan', 'deploy'])('%s (JSON) removes every cdk.tf and keeps cdk.tf.json', (command) => {
    const { root, stacks } = project();
    clearOtherFormat([command, 'appointments-dev'], root);
    expect([present(stacks, 'cdk.tf'), present(stacks, 'cdk.tf.json')]).toEqual([
      [false, false],
      [true, true],
    ]);
  });

  test("the output directory comes from --output, else cdktf.json's output", () => {
    const fromConfig = project('out');
    clearOtherFormat(['synth'], fromConfig.root);
    expect(present(fromConfig.stacks, 'cdk.tf')).toEqual([false, false]);

    const elsewhere = project('elsewhere');
    expect(clearOtherFormat(['synth', '--output', path.join(elsewhere.root, 'nothing-here')], elsewhere.root)).toEqual(
      [],
    );
    expect(present(elsewhere.stacks, 'cdk.tf')).toEqual([true, true]);
  });

  test('commands that do not synthesize remove nothing', () => {
    const { root, stacks } = project();
    expect(clearOtherFormat(['get'], root)).toEqual([]);
    expect([present(stacks, 'cdk.tf'), present(stacks, 'cdk.tf.json')]).toEqual([
      [true, true],
      [true, true],
    ]);
  });
});

describe('synth --hcl writes references bare, as Terraform 0.12 and later expect them', () => {
  // As the cdktf CLI renders them: every entry a string.
  const rendered = [
    'resource "aws_appautoscaling_target" "Read" {',
    '  depends_on = [',
    '    "aws_dynamodb_table.Storage_Table_976161E9",',
    '    "aws_iam_role.Api_create-appointment_Role_561CA8FA",',
    '  ]',
    '  lifecycle {',
    '    ignore_changes = [',
    '      "read_capacity",',
    '    ]',
    '  }',
    '  actions = [',
    '    "kms:Decrypt",',
    '  ]',
    '  tags = {',
    '    depends_on = "aws_iam_role.x"',
    '  }',
    '}',
  ].join('\n');

  test('the entries of depends_on and ignore_changes lose their quotes; every other string keeps them', () => {
    expect(unquoteReferences(rendered).split('\n')).toEqual([
      'resource "aws_appautoscaling_target" "Read" {',
      '  depends_on = [',
      '    aws_dynamodb_table.Storage_Table_976161E9,',
      '    aws_iam_role.Api_create-appointment_Role_561CA8FA,',
      '  ]',
      '  lifecycle {',
      '    ignore_changes = [',
      '      read_capacity,',
      '    ]',
      '  }',
      '  actions = [',
      '    "kms:Decrypt",',
      '  ]',
      '  tags = {',
      '    depends_on = "aws_iam_role.x"',
      '  }',
      '}',
    ]);
  });

  test('a list with an entry that is not a plain reference is left as it is', () => {
    const interpolated = '  depends_on = [\n    "${aws_iam_role.x.arn}",\n  ]';
    expect(unquoteReferences(interpolated)).toBe(interpolated);
  });

  test('only after synth --hcl, in every stack directory', () => {
    const root = tree();
    writeFileSync(path.join(root, 'cdktf.json'), '{}');
    const files = ['appointments-dev', 'appointments-prod'].map((stack) => {
      const dir = path.join(root, 'cdktf.out', 'stacks', stack);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'cdk.tf'), rendered);
      return path.join(dir, 'cdk.tf');
    });
    expect(unquoteHclReferences(['synth'], root)).toEqual([]);
    expect(unquoteHclReferences(['get', '--hcl'], root)).toEqual([]);
    expect(files.map((file) => readFileSync(file, 'utf8'))).toEqual([rendered, rendered]);

    expect(unquoteHclReferences(['synth', '--hcl'], root)).toEqual(files);
    expect(files.map((file) => readFileSync(file, 'utf8'))).toEqual([
      unquoteReferences(rendered),
      unquoteReferences(rendered),
    ]);
    expect(unquoteHclReferences(['synth', '--hcl'], root)).toEqual([]); // nothing left to change
  });
});

describe("the cdktf CLI's environment (npm run synth, plan, deploy)", () => {
  test('checkpoint calls are off unless the caller says otherwise', () => {
    expect(cliEnvironment({ PATH: '/bin' })).toEqual({ PATH: '/bin', CHECKPOINT_DISABLE: '1' });
    expect(cliEnvironment({ CHECKPOINT_DISABLE: '' }).CHECKPOINT_DISABLE).toBe('');
  });

  test('a TF_CLI_CONFIG_FILE that names no file becomes the empty configuration; one that exists is kept', () => {
    const existing = path.join(tree(), 'terraformrc');
    writeFileSync(existing, 'plugin_cache_dir = "/tmp"\n');
    const missing = path.join(tree(), 'no-such-terraformrc');
    expect(cliEnvironment({ TF_CLI_CONFIG_FILE: missing }).TF_CLI_CONFIG_FILE).toBe(devNull);
    expect(cliEnvironment({ TF_CLI_CONFIG_FILE: existing }).TF_CLI_CONFIG_FILE).toBe(existing);
    expect(cliEnvironment({})).not.toHaveProperty('TF_CLI_CONFIG_FILE');
  });
});
