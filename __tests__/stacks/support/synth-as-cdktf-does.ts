/**
 * The app synthesized with cdktf's own behaviour: the preparing resolution pass of every stack
 * (`TerraformStack.prototype.prepareStack`), its resolution of the merged document
 * (`TerraformStack.prototype.toTerraform`) and a recorded creation stack for every token. Run by
 * `synthesis-speed.test.ts` beside `main.ts`, whose output must be the same, byte for byte.
 */
import { App, TerraformStack } from 'cdktf';
import { resolveConfig } from '../../../config/resolve';
import { defineStacks } from '../../../stacks/app';
import { recordCreationStacks } from '../../../stacks/creation-stacks';
import { AppStack } from '../../../stacks/app-stack';

AppStack.prototype.prepareStack = TerraformStack.prototype.prepareStack;
AppStack.prototype.toTerraform = TerraformStack.prototype.toTerraform;
recordCreationStacks(true);
const app = new App();
defineStacks(app, resolveConfig(process.env));
app.synth();
