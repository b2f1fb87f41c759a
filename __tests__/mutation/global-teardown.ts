/** The engine outlives each jest run under Stryker; global-setup.ts stops it when the runner exits. */
export default function keepDynamoDbLocalRunning(): void {}
