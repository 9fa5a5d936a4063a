// The runner-worker HTTP contract, as the widget uses it.

export type Verdict =
  | "accepted"
  | "wrong_answer"
  | "time_limit_exceeded"
  | "memory_limit_exceeded"
  | "runtime_error"
  | "compile_error"
  | "output_limit_exceeded";

export type Mode = "run" | "submit";

export interface RunRequest {
  sample: string;
  language: string;
  code: string;
  mode: Mode;
  /** The page's locale: the runner names the tests in it. */
  locale: string;
}

/** One test's result. Hidden tests carry only name, hidden, verdict and time_ms. */
export interface TestResult {
  name: string;
  hidden: boolean;
  verdict: Verdict | string;
  time_ms?: number;
  input?: unknown;
  expected?: unknown;
  actual?: unknown;
}

export interface RunResult {
  verdict: Verdict | string;
  tests: TestResult[];
  compile_output?: string;
  stderr?: string;
}

export type Outcome =
  | { kind: "ok"; result: RunResult }
  | { kind: "unreachable" }
  | { kind: "timeout" }
  | { kind: "busy"; retryAfter: number | null }
  | { kind: "refused"; status: number; message: string }
  | { kind: "failed"; status: number };

/** How long to wait for an answer: the runner's own limits are far shorter. */
export const TIMEOUT_MS = 60_000;

/** POSTs a run to `${base}/v1/runs` and classifies what came back. Never throws. */
export async function postRun(base: string, req: RunRequest, timeoutMs = TIMEOUT_MS): Promise<Outcome> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let res: Response;
  try {
    res = await fetch(base.replace(/\/+$/, "") + "/v1/runs", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(req),
      signal: abort.signal,
      credentials: "omit",
    });
  } catch {
    clearTimeout(timer);
    return abort.signal.aborted ? { kind: "timeout" } : { kind: "unreachable" };
  }
  try {
    if (res.status === 429) {
      return { kind: "busy", retryAfter: retryAfter(res.headers.get("Retry-After")) };
    }
    const body: unknown = await res.json().catch(() => null);
    if (res.ok) {
      const result = asRunResult(body);
      return result ? { kind: "ok", result } : { kind: "failed", status: res.status };
    }
    if (res.status >= 400 && res.status < 500) {
      const message = isObject(body) && typeof body.error === "string" ? body.error : res.statusText;
      return { kind: "refused", status: res.status, message: message || String(res.status) };
    }
    return { kind: "failed", status: res.status };
  } catch {
    return abort.signal.aborted ? { kind: "timeout" } : { kind: "failed", status: res.status };
  } finally {
    clearTimeout(timer);
  }
}

/** Parses Retry-After: delay-seconds or an HTTP date. Null when absent or unreadable. */
export function retryAfter(v: string | null, now = Date.now()): number | null {
  if (v === null) return null;
  const t = v.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const at = Date.parse(t);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

/** Checks the shape of a 200 answer; a compile error may come with no tests at all. */
function asRunResult(v: unknown): RunResult | null {
  if (!isObject(v) || typeof v.verdict !== "string") return null;
  const tests: unknown = v.tests ?? [];
  if (!Array.isArray(tests)) return null;
  if (!tests.every((t: unknown) => isObject(t) && typeof t.name === "string" && typeof t.verdict === "string")) {
    return null;
  }
  return {
    verdict: v.verdict,
    tests: tests as TestResult[],
    compile_output: typeof v.compile_output === "string" ? v.compile_output : "",
    stderr: typeof v.stderr === "string" ? v.stderr : "",
  };
}
