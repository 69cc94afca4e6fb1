/**
 * Runs s3rver in its own process, as a real S3 would be: the benchmark's client and the server
 * then do not share one event loop. Prints the port on stdout, then serves until killed.
 */
import S3rver from 's3rver';

const directory = process.argv[2];
if (!directory) throw new Error('usage: s3rver-process.ts <directory> [bucket]');
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: process.argv[3] ?? 'bench', configs: [] }],
});
const { port } = await server.run();
console.log(port);
