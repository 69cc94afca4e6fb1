import { describe, expect, it, vi } from 'vitest';
import { AccessRecovery, RecoveryState } from '../src/access-recovery.js';
import { PlayerErrorType } from '../src/errors.js';
import { classifyRefreshResponse, RefreshOutcome, requestRefresh } from '../src/refresh.js';

describe('classifyRefreshResponse (Moodle lib/ajax/service.php answers)', () => {
  it('ok:true is OK and ok:false is DENIED', () => {
    expect(classifyRefreshResponse(200, [{ error: false, data: { ok: true, expiresAt: 1790000000 } }])).toBe(RefreshOutcome.OK);
    expect(classifyRefreshResponse(200, [{ error: false, data: { ok: false, expiresAt: 0 } }])).toBe(RefreshOutcome.DENIED);
  });
  it('login and sesskey errors, in a call or before any call, mean the session ended', () => {
    for (const code of ['servicerequireslogin', 'requireloginerror', 'invalidsesskey']) {
      expect(classifyRefreshResponse(200, [{ error: true, exception: { message: 'whatever', errorcode: code } }])).toBe(RefreshOutcome.SESSION_ENDED);
      expect(classifyRefreshResponse(200, { error: 'whatever', errorcode: code, stacktrace: null })).toBe(RefreshOutcome.SESSION_ENDED);
    }
  });
  it('anything else is FAILED (other exceptions, HTTP errors, junk)', () => {
    expect(classifyRefreshResponse(200, [{ error: true, exception: { errorcode: 'dmlreadexception' } }])).toBe(RefreshOutcome.FAILED);
    expect(classifyRefreshResponse(500, [{ error: false, data: { ok: true } }])).toBe(RefreshOutcome.FAILED);
    expect(classifyRefreshResponse(200, null)).toBe(RefreshOutcome.FAILED);
    expect(classifyRefreshResponse(200, [{ error: false, data: {} }])).toBe(RefreshOutcome.FAILED);
  });
});

describe('requestRefresh', () => {
  it("POSTs the contract's body as JSON with same-origin credentials", async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify([{ error: false, data: { ok: true, expiresAt: 1 } }]), { status: 200 }));
    const outcome = await requestRefresh({ url: 'https://moodle.example.edu/lib/ajax/service.php?sesskey=abc&info=local_zoomhls_refresh_access', courseId: 12 }, fetchImpl as unknown as typeof fetch);
    expect(outcome).toBe(RefreshOutcome.OK);
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toContain('info=local_zoomhls_refresh_access');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual([{ index: 0, methodname: 'local_zoomhls_refresh_access', args: { courseid: 12 } }]);
  });
  it('a network failure or an HTML error page is FAILED, not an exception', async () => {
    const down = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await requestRefresh({ url: 'https://m/x', courseId: 1 }, down as unknown as typeof fetch)).toBe(RefreshOutcome.FAILED);
    const html = vi.fn(async () => new Response('<html>', { status: 503 }));
    expect(await requestRefresh({ url: 'https://m/x', courseId: 1 }, html as unknown as typeof fetch)).toBe(RefreshOutcome.FAILED);
  });
});

function recoveryWith(outcomes: RefreshOutcome[], canRefresh = true) {
  const calls: string[] = [];
  const recovery = new AccessRecovery(
    {
      refresh: async () => {
        calls.push('refresh');
        return outcomes.shift() ?? RefreshOutcome.FAILED;
      },
      capture: () => calls.push('capture'),
      resume: () => calls.push('resume'),
      fail: (type) => calls.push(`fail:${type}`),
    },
    canRefresh,
  );
  return { recovery, calls };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('AccessRecovery', () => {
  it('403 → refresh once → resume; a later 200 makes the next 403 refreshable again', async () => {
    const { recovery, calls } = recoveryWith([RefreshOutcome.OK, RefreshOutcome.OK]);
    recovery.onResponse(200);
    recovery.onResponse(403);
    recovery.onResponse(403); // the other requests in flight
    expect(recovery.state).toBe(RecoveryState.REFRESHING);
    await tick();
    expect(calls).toEqual(['capture', 'refresh', 'resume']);
    expect(recovery.state).toBe(RecoveryState.RESUMED);
    recovery.onResponse(200);
    expect(recovery.state).toBe(RecoveryState.IDLE);
    recovery.onResponse(403); // an hour later, cookies expired again
    await tick();
    expect(calls).toEqual(['capture', 'refresh', 'resume', 'capture', 'refresh', 'resume']);
  });

  it('a second 403 after refreshing (before any success) is denied, without a second refresh', async () => {
    const { recovery, calls } = recoveryWith([RefreshOutcome.OK]);
    recovery.onResponse(403);
    await tick();
    recovery.onResponse(403);
    recovery.onResponse(403);
    await tick();
    expect(calls).toEqual(['capture', 'refresh', 'resume', `fail:${PlayerErrorType.ACCESS_DENIED}`]);
    expect(recovery.state).toBe(RecoveryState.FAILED);
  });

  it('maps refresh outcomes to message types', async () => {
    for (const [outcome, type] of [
      [RefreshOutcome.DENIED, PlayerErrorType.ACCESS_DENIED],
      [RefreshOutcome.SESSION_ENDED, PlayerErrorType.SESSION_ENDED],
      [RefreshOutcome.FAILED, PlayerErrorType.UNAVAILABLE],
    ] as const) {
      const { recovery, calls } = recoveryWith([outcome]);
      recovery.onResponse(403);
      await tick();
      expect(calls).toEqual(['capture', 'refresh', `fail:${type}`]);
    }
  });

  it('without a refresh service a 403 is denied at once; other errors are left to Video.js', () => {
    const { recovery, calls } = recoveryWith([], false);
    recovery.onResponse(404);
    recovery.onResponse(500);
    expect(calls).toEqual([]);
    recovery.onResponse(403);
    expect(calls).toEqual([`fail:${PlayerErrorType.ACCESS_DENIED}`]);
  });
});
