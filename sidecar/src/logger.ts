import pino, { type Logger } from 'pino';

/**
 * JSON logs (pino). Secrets never reach them: known secret-bearing fields are redacted here as
 * a second line of defence; the code itself never logs tokens, cookies or keys.
 */
export function createLogger(level: string, destination: 1 | 2 = 1): Logger {
  return pino(
    {
      level,
      base: { service: 'zoomhls' },
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          'headers.authorization',
          'headers.cookie',
          'cookie',
          'token',
          '*.token',
          'secret',
          '*.secret',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: destination, sync: true }),
  );
}
