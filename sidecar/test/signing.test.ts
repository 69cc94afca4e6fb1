import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  bucketedExpiry,
  cdnBasePath,
  cookiePathFor,
  CookieSigner,
  decodeCloudFrontBase64,
  encodeCloudFrontBase64,
  generateSigningKeyPair,
  loadSigningKey,
  parsePolicy,
  parseScopeClaim,
  policyJson,
  resourceFor,
  resourceMatches,
} from '../src/signing/index.js';
import { ipInCidr, policyAllows } from '../src/edge/index.js';
import { ZoomhlsError } from '../src/errors.js';

// The example from the CloudFront Developer Guide, "Set signed cookies using a custom policy", Example 1.
const AWS_EXAMPLE_POLICY_COOKIE =
  'eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cDovL2QxMTExMTFhYmNkZWY4LmNsb3VkZnJvbnQubmV0L2dhbWVfZG93bmxvYWQuemlwIiwiQ29uZGl0aW9uIjp7IklwQWRkcmVzcyI6eyJBV1M6U291cmNlSXAiOiIxOTIuMC4yLjAvMjQifSwiRGF0ZUxlc3NUaGFuIjp7IkFXUzpFcG9jaFRpbWUiOjE0MjY1MDAwMDB9fX1dfQ__';

describe('CloudFront policy format', () => {
  it('decodes the AWS-documented example policy cookie as documented', () => {
    const json = decodeCloudFrontBase64(AWS_EXAMPLE_POLICY_COOKIE)!.toString('utf8');
    expect(JSON.parse(json)).toEqual({
      Statement: [
        {
          Resource: 'http://d111111abcdef8.cloudfront.net/game_download.zip',
          Condition: { IpAddress: { 'AWS:SourceIp': '192.0.2.0/24' }, DateLessThan: { 'AWS:EpochTime': 1426500000 } },
        },
      ],
    });
    const policy = parsePolicy(json)!;
    expect(policy).toEqual({
      resource: 'http://d111111abcdef8.cloudfront.net/game_download.zip',
      conditions: { ipAddress: '192.0.2.0/24', dateLessThan: 1426500000 },
    });
    // Our builder writes the same bytes for the same policy, so it encodes to the documented cookie.
    expect(encodeCloudFrontBase64(policyJson(policy))).toBe(AWS_EXAMPLE_POLICY_COOKIE);
    const at = (url: string, clientIp: string, nowSeconds: number) => policyAllows(policy.resource, policy.conditions, { url, clientIp, nowSeconds });
    expect(at('http://d111111abcdef8.cloudfront.net/game_download.zip', '192.0.2.77', 1426499999)).toBe(true);
    expect(at('http://d111111abcdef8.cloudfront.net/game_download.zip', '192.0.2.77', 1426500000)).toBe(false);
    expect(at('http://d111111abcdef8.cloudfront.net/game_download.zip', '198.51.100.1', 1426499999)).toBe(false);
    expect(at('http://d111111abcdef8.cloudfront.net/other.zip', '192.0.2.77', 1426499999)).toBe(false);
    expect(at('https://d111111abcdef8.cloudfront.net/game_download.zip', '192.0.2.77', 1426499999)).toBe(false);
  });

  it('uses CloudFront base64 (-, _, ~), not base64url, and refuses other characters', () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xbf, 0x00]);
    // Standard base64 of these bytes is "+/+/AA==".
    expect(encodeCloudFrontBase64(bytes)).toBe('-~-~AA__');
    expect(decodeCloudFrontBase64('-~-~AA__')).toEqual(bytes);
    expect(decodeCloudFrontBase64('ab+/')).toBeUndefined();
    expect(decodeCloudFrontBase64('ab=')).toBeUndefined();
  });

  it('refuses policies CloudFront would not accept', () => {
    const ok = { Statement: [{ Resource: 'https://x/*', Condition: { DateLessThan: { 'AWS:EpochTime': 5 } } }] };
    expect(parsePolicy(JSON.stringify(ok))).toBeDefined();
    const bad: unknown[] = [
      { Statement: [] },
      { Statement: [ok.Statement[0], ok.Statement[0]] },
      { Statement: [{ Resource: 'https://x/*', Condition: {} }] },
      { Statement: [{ Resource: 'https://x/*', Condition: { DateLessThan: { 'AWS:EpochTime': '5' } } }] },
      { Statement: [{ Resource: 'https://x/*', Condition: { DateLessThan: { 'AWS:EpochTime': 5 }, StringEquals: { a: 'b' } } }] },
      { Statement: [{ Condition: { DateLessThan: { 'AWS:EpochTime': 5 } } }] },
      { Statement: ok.Statement, Extra: 1 },
    ];
    for (const p of bad) expect(parsePolicy(JSON.stringify(p)), JSON.stringify(p)).toBeUndefined();
    expect(parsePolicy('not json')).toBeUndefined();
  });

  it('matches wildcard resources against the full URL like CloudFront', () => {
    const r = 'https://media.example.edu/lectures/abc/*';
    expect(resourceMatches(r, 'https://media.example.edu/lectures/abc/v1/seg_00001.ts')).toBe(true);
    expect(resourceMatches(r, 'https://media.example.edu/lectures/abc/x.m3u8?v=2')).toBe(true);
    expect(resourceMatches(r, 'https://media.example.edu/lectures/abcd/x.ts')).toBe(false);
    expect(resourceMatches(r, 'https://media.example.edu/lectures/ab/x.ts')).toBe(false);
    expect(resourceMatches(r, 'http://media.example.edu/lectures/abc/x.ts')).toBe(false);
    expect(resourceMatches(r, 'https://media.example.edu.evil.com/lectures/abc/x.ts')).toBe(false);
    expect(resourceMatches('https://m/a?c.ts', 'https://m/abc.ts')).toBe(true);
    expect(resourceMatches('https://m/a?c.ts', 'https://m/ac.ts')).toBe(false);
    // Regex metacharacters in the resource are literal.
    expect(resourceMatches('https://m/a.ts', 'https://m/aXts')).toBe(false);
    expect(resourceMatches('http*://m/*', 'https://m/x')).toBe(true);
  });

  it('checks AWS:SourceIp for IPv4, IPv6 and mapped addresses', () => {
    expect(ipInCidr('192.0.2.9', '192.0.2.0/24')).toBe(true);
    expect(ipInCidr('::ffff:192.0.2.9', '192.0.2.0/24')).toBe(true);
    expect(ipInCidr('192.0.3.9', '192.0.2.0/24')).toBe(false);
    expect(ipInCidr('192.0.2.9', '192.0.2.9')).toBe(true);
    expect(ipInCidr('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(ipInCidr('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(ipInCidr('192.0.2.9', '192.0.2.0/33')).toBe(false);
    expect(ipInCidr('192.0.2.9', 'nonsense')).toBe(false);
  });
});

describe('scopes, paths and expiry', () => {
  it('parses the scope claim: site, several courses, or one kind of video', () => {
    expect(parseScopeClaim('site')).toEqual([{ kind: 'site' }]);
    expect(parseScopeClaim('course:12 course:15 course:12')).toEqual([
      { kind: 'course', courseId: 12 },
      { kind: 'course', courseId: 15 },
    ]);
    expect(parseScopeClaim(`video:${'a'.repeat(32)}`)).toEqual([{ kind: 'video', videoKey: 'a'.repeat(32) }]);
    for (const bad of ['', 'course:0', 'course:-1', 'course:1x', 'site course:1', 'site site2', 'video:abc', `course:1 video:${'a'.repeat(32)}`, 'Site', 42]) {
      expect(parseScopeClaim(bad), String(bad)).toBeUndefined();
    }
    expect(parseScopeClaim(Array.from({ length: 41 }, (_, i) => `course:${i + 1}`).join(' '))).toBeUndefined();
  });

  it('maps folders to cookie paths under the CDN base path and resources on its origin', () => {
    expect(cdnBasePath('https://media.example.edu')).toBe('/');
    expect(cdnBasePath('http://127.0.0.1:8787/media/')).toBe('/media/');
    expect(cookiePathFor('https://media.example.edu', '')).toBe('/');
    expect(cookiePathFor('https://media.example.edu', 'lectures/abc')).toBe('/lectures/abc/');
    expect(cookiePathFor('http://127.0.0.1:8787/media', 'abc')).toBe('/media/abc/');
    expect(resourceFor('http://127.0.0.1:8787/media', '/media/abc/')).toBe('http://127.0.0.1:8787/media/abc/*');
  });

  it('rounds expiry up to the bucket, never below the TTL', () => {
    expect(bucketedExpiry(1000, 7200, 300)).toBe(8400);
    expect(bucketedExpiry(1001, 7200, 300)).toBe(8400);
    expect(bucketedExpiry(1200, 7200, 300)).toBe(8400);
    expect(bucketedExpiry(1201, 7200, 300)).toBe(8700);
  });
});

describe('signing keys', () => {
  it('reads RSA-2048 and ECDSA P-256 keys in every PEM flavour and tells the type from the key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(loadSigningKey(rsa.privateKey.export({ type: 'pkcs1', format: 'pem' })).type).toBe('rsa');
    expect(loadSigningKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' })).type).toBe('rsa');
    expect(loadSigningKey(ec.privateKey.export({ type: 'sec1', format: 'pem' })).type).toBe('ecdsa');
    expect(loadSigningKey(ec.privateKey.export({ type: 'pkcs8', format: 'pem' })).type).toBe('ecdsa');
    expect(loadSigningKey(generateSigningKeyPair('ecdsa').privateKeyPem).publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('refuses keys CloudFront would not accept, naming the problem', () => {
    const cases: Array<[string | Buffer, RegExp]> = [
      [generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }), /RSA-1024/],
      [generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }), /secp384r1/],
      [generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), /ed25519/],
      ['-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n', /not a readable/],
    ];
    for (const [pem, message] of cases) {
      let caught: unknown;
      try {
        loadSigningKey(pem);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ZoomhlsError);
      expect((caught as ZoomhlsError).code).toBe('SIGNING_KEY_INVALID');
      expect((caught as ZoomhlsError).message).toMatch(message);
    }
  });
});

describe('cookie signer (@aws-sdk/cloudfront-signer)', () => {
  const policy = { resource: 'https://media.example.edu/lectures/abc/*', conditions: { dateLessThan: 2_000_000_000 } };

  for (const type of ['rsa', 'ecdsa'] as const) {
    for (const hash of ['SHA1', 'SHA256'] as const) {
      it(`signs the exact custom policy with ${type} and ${hash}`, () => {
        const key = loadSigningKey(generateSigningKeyPair(type).privateKeyPem);
        const signer = new CookieSigner({ keyPairId: 'K2JCJMDEHXQW5F', key, hashAlgorithm: hash });
        const cookies = signer.sign(policy, 1_000);
        expect(Object.keys(cookies).sort()).toEqual(
          ['CloudFront-Key-Pair-Id', 'CloudFront-Policy', 'CloudFront-Signature', ...(hash === 'SHA256' ? ['CloudFront-Hash-Algorithm'] : [])].sort(),
        );
        expect(cookies['CloudFront-Key-Pair-Id']).toBe('K2JCJMDEHXQW5F');
        expect(cookies['CloudFront-Hash-Algorithm']).toBe(hash === 'SHA256' ? 'SHA256' : undefined);
        const policyBytes = decodeCloudFrontBase64(cookies['CloudFront-Policy'])!;
        expect(policyBytes.toString()).toBe(policyJson(policy));
        const signature = decodeCloudFrontBase64(cookies['CloudFront-Signature'])!;
        expect(verify(hash === 'SHA1' ? 'sha1' : 'sha256', policyBytes, key.publicKey, signature)).toBe(true);
        expect(verify(hash === 'SHA1' ? 'sha256' : 'sha1', policyBytes, key.publicKey, signature)).toBe(false);
        // ECDSA signatures are DER (as `openssl dgst -sign` writes them) and far shorter than RSA's.
        if (type === 'ecdsa') expect(signature[0]).toBe(0x30);
        if (type === 'rsa') expect(cookies['CloudFront-Signature'].length).toBe(344);
        else expect(cookies['CloudFront-Signature'].length).toBeLessThanOrEqual(96);
      });
    }
  }

  it('signs a (scope, expiry) pair once and reuses it; a new bucket or scope signs again', () => {
    const signer = new CookieSigner({ keyPairId: 'K', key: loadSigningKey(generateSigningKeyPair('ecdsa').privateKeyPem), hashAlgorithm: 'SHA1' });
    const first = signer.sign(policy, 1_000);
    for (let i = 0; i < 1000; i++) expect(signer.sign({ ...policy, conditions: { ...policy.conditions } }, 1_000)).toBe(first);
    expect(signer.signatures).toBe(1);
    signer.sign({ ...policy, conditions: { dateLessThan: 2_000_000_300 } }, 1_000);
    signer.sign({ ...policy, resource: 'https://media.example.edu/lectures/def/*' }, 1_000);
    expect(signer.signatures).toBe(3);
  });

  it('keeps its cache bounded, dropping expired signatures first', () => {
    const signer = new CookieSigner({
      keyPairId: 'K', key: loadSigningKey(generateSigningKeyPair('ecdsa').privateKeyPem), hashAlgorithm: 'SHA1', maxCachedSignatures: 3,
    });
    const p = (n: number, exp: number) => ({ resource: `https://m/${n}/*`, conditions: { dateLessThan: exp } });
    signer.sign(p(1, 100), 50);
    signer.sign(p(2, 5000), 50);
    signer.sign(p(3, 5000), 50);
    signer.sign(p(4, 5000), 200); // full: entry 1 has expired and goes
    signer.sign(p(2, 5000), 200);
    expect(signer.signatures).toBe(4);
    signer.sign(p(1, 100), 200);
    expect(signer.signatures).toBe(5);
  });
});
