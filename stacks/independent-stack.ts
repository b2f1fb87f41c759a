import { TerraformStack } from 'cdktf';

/**
 * A stack that refers to no other stack: every stack of this app. The bootstrap stack is applied
 * on its own, once per account, and each service stack reads nothing of another stack's state.
 *
 * cdktf's `prepareStack` resolves every element of a stack once before the resolution that
 * writes `cdk.tf.json`. That first pass exists only to discover cross-stack references (it adds
 * the remote-state data sources and outputs they need), and it costs as much as the real one. An
 * independent stack skips it. `__tests__/stacks/synthesis-speed.test.ts` synthesizes the app both
 * ways and compares the files byte for byte, so a cross-stack reference added later fails there
 * instead of synthesizing without its remote state.
 */
export class IndependentStack extends TerraformStack {
  override prepareStack(): void {
    this.ensureBackendExists();
  }
}
