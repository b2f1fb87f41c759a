import { EnvironmentVariable, requiredEnvironment, requiredPositiveInteger } from '../../src/environment';
import { createTelemetry, traced } from '../../src/observability';

describe('function observability', () => {
  test('a logged customer never shows its email or phone', () => {
    // Prepare
    const { logger } = createTelemetry('redaction-test');
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

  test('an email or phone inside an error message, at any depth, is masked', () => {
    // Prepare
    const { logger } = createTelemetry('redaction-test', { operation: 'create-appointment' });
    logger.setLogLevel('INFO');
    const lines: string[] = [];
    const record = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    const writes = [jest.spyOn(process.stdout, 'write'), jest.spyOn(process.stderr, 'write')];
    for (const write of writes) write.mockImplementation(record);

    // Act
    try {
      logger.error('failed', {
        error: new Error('bad item ada@example.com +14155550100'),
        detail: ['ada@example.com'],
      });
    } finally {
      for (const write of writes) write.mockRestore();
    }

    // Assess
    const output = lines.join('');
    expect(output).toContain('bad item [redacted-email] [redacted-phone]');
    expect(output).toContain('"detail":["[redacted-email]"]');
    expect(output).toContain('"operation":"create-appointment"');
    expect(output).not.toContain('ada@example.com');
  });

  test('a missing environment variable is named in the error', () => {
    delete process.env.NOT_SET_FOR_THIS_TEST;
    expect(() => requiredEnvironment('NOT_SET_FOR_THIS_TEST' as EnvironmentVariable)).toThrow(
      'environment variable NOT_SET_FOR_THIS_TEST is required but not set',
    );
  });

  test.each([['0'], ['-3'], ['ten'], ['1.5'], ['1e3']])(
    'a whole-number variable holding %s is refused by name, with its value',
    (value) => {
      process.env.MAX_OPEN_BOOKINGS_PER_CUSTOMER = value;
      expect(() => requiredPositiveInteger('MAX_OPEN_BOOKINGS_PER_CUSTOMER')).toThrow(
        `environment variable MAX_OPEN_BOOKINGS_PER_CUSTOMER must be a whole number of at least 1, not "${value}"`,
      );
    },
  );

  test('a whole-number variable is read as its number', () => {
    process.env.MAX_OPEN_BOOKINGS_PER_CUSTOMER = '12';
    expect(requiredPositiveInteger('MAX_OPEN_BOOKINGS_PER_CUSTOMER')).toBe(12);
    delete process.env.MAX_OPEN_BOOKINGS_PER_CUSTOMER;
  });

  test('the tracing wrapper runs the work as is when tracing is off, and passes its error through', async () => {
    const { tracer } = createTelemetry('trace-test');
    await expect(traced(tracer, 'op', async () => 42)).resolves.toBe(42);
    await expect(traced(tracer, 'op', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
