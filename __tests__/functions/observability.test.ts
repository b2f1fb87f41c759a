import { EnvironmentVariable, requiredEnvironment } from '../../src/environment';
import { createObservability } from '../../src/notifications/powertools';

describe('function observability', () => {
  test('a logged customer never shows its email or phone', () => {
    // Prepare
    const { logger } = createObservability('redaction-test');
    logger.setLogLevel('INFO');
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });

    // Act
    try {
      logger.info('oops', { customer: { name: 'Ada', email: 'ada@example.com', phone: '+14155550100' } });
    } finally {
      write.mockRestore();
    }

    // Assess
    const output = lines.join('');
    expect(output).toContain('"email":"[REDACTED]"');
    expect(output).toContain('"phone":"[REDACTED]"');
    expect(output).not.toContain('ada@example.com');
    expect(output).not.toContain('+14155550100');
  });

  test('a missing environment variable is named in the error', () => {
    delete process.env.NOT_SET_FOR_THIS_TEST;
    expect(() => requiredEnvironment('NOT_SET_FOR_THIS_TEST' as EnvironmentVariable)).toThrow(
      'environment variable NOT_SET_FOR_THIS_TEST is required but not set',
    );
  });
});
