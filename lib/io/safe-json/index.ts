/**
 * JSON parsing for untrusted files: size and nesting limits checked before
 * `JSON.parse` (limits.ts), person-readable syntax errors with line and
 * column (syntax.ts), and a walk of the result that refuses
 * prototype-polluting keys, numbers out of range, broken Unicode, NUL
 * characters and bidirectional control characters (walk.ts).
 *
 * A refusal carries a `reason` (a code with its facts) and the `message`
 * lib/messages/json.ts makes of it. Pure TypeScript; loops only (no
 * recursion), so 100,000-deep input is safe.
 */
import { jsonMessage, textProblemMessage } from '@/lib/messages/json';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, oversize, preScan, type SafeJsonOptions } from './limits';
import { findJsonSyntaxError, lineColumn, type SyntaxProblem } from './syntax';
import { findTextProblem, walkJson, type WalkProblem } from './walk';

export { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, utf8ByteLength, type SafeJsonOptions } from './limits';
export { findJsonSyntaxError, lineColumn, type SyntaxProblem } from './syntax';
export { FORBIDDEN_KEYS, findTextProblem, formatJsonPath, type TextProblem, type WalkProblem } from './walk';
export { formatBytes } from '@/lib/messages/json';

/** Why untrusted JSON was refused. */
export type JsonReason =
  | { code: 'not-text' }
  | { code: 'empty' }
  | { code: 'too-large'; /** UTF-8 size, or null when more than four times the limit. */ bytes: number | null; maxBytes: number }
  | { code: 'too-deep'; maxDepth: number; line: number; column: number }
  | { code: 'syntax'; problem: SyntaxProblem; line: number; column: number }
  | { code: 'syntax-engine'; /** The JS engine's own words, when the grammar check found nothing. */ detail: string }
  | ({ code: 'walk' } & WalkProblem)
  | { code: 'unexpected'; detail: string };

export type SafeJsonResult =
  | { ok: true; value: unknown }
  | {
      ok: false;
      reason: JsonReason;
      message: string;
      /** Where in the data, e.g. `document.scenario.nodes[0].title`, when known. */
      path?: string;
    };

function refuse(reason: JsonReason): SafeJsonResult {
  const path = reason.code === 'walk' ? reason.path : undefined;
  return { ok: false, reason, message: jsonMessage(reason), ...(path !== undefined ? { path } : {}) };
}

/** Why a string is refused (in words), or null if it is fine. */
export function checkText(s: string): string | null {
  const problem = findTextProblem(s);
  return problem ? textProblemMessage(problem) : null;
}

/**
 * Parses untrusted JSON text. Never throws.
 *
 * Checks, in order: BOM stripped; empty input; size; nesting depth (before
 * parsing); syntax (with line and column); then forbidden keys, numbers out
 * of range, and text with NUL, lone surrogates or bidi controls.
 */
export function safeParseJson(text: string, options: SafeJsonOptions = {}): SafeJsonResult {
  try {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    if (typeof text !== 'string') return refuse({ code: 'not-text' });
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') return refuse({ code: 'empty' });

    const over = oversize(text, maxBytes);
    if (over) return refuse({ code: 'too-large', bytes: over.bytes, maxBytes });

    const scan = preScan(text, maxDepth);
    if (scan.tooDeepAt >= 0) return refuse({ code: 'too-deep', maxDepth, ...lineColumn(text, scan.tooDeepAt) });

    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const problem = findJsonSyntaxError(text);
      if (!problem) return refuse({ code: 'syntax-engine', detail: err instanceof Error ? err.message : String(err) });
      return refuse({ code: 'syntax', problem, ...lineColumn(text, problem.offset) });
    }

    const problem = walkJson(value, scan.hugeNumbers);
    if (problem) return refuse({ code: 'walk', ...problem });
    return { ok: true, value };
  } catch (err) {
    return refuse({ code: 'unexpected', detail: err instanceof Error ? err.message : 'unknown error' });
  }
}
