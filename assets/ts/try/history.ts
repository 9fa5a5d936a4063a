// Attempt history per sample, kept in localStorage: time, language, mode,
// verdict and the code, newest first, so a candidate can go back to any
// attempt after a reload.

import type { Mode } from "./runner";

export interface Attempt {
  at: number; // epoch ms
  language: string;
  mode: Mode;
  verdict: string;
  passed: number;
  total: number;
  code: string;
}

/** At most this many attempts are kept per sample. */
export const MAX_ATTEMPTS = 20;

export function storageKey(sample: string): string {
  return `guides:try:${sample}:history`;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // disabled, or blocked by the browser's privacy settings
  }
}

function isAttempt(v: unknown): v is Attempt {
  if (typeof v !== "object" || v === null) return false;
  const a = v as Record<string, unknown>;
  return (
    typeof a.at === "number" &&
    typeof a.language === "string" &&
    (a.mode === "run" || a.mode === "submit") &&
    typeof a.verdict === "string" &&
    typeof a.code === "string"
  );
}

export function load(sample: string): Attempt[] {
  const raw = storage()?.getItem(storageKey(sample));
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter(isAttempt) : [];
  } catch {
    return [];
  }
}

/** Adds an attempt and returns the new list. A full storage drops the oldest attempts. */
export function add(sample: string, a: Attempt): Attempt[] {
  let list = [a, ...load(sample)].slice(0, MAX_ATTEMPTS);
  const st = storage();
  while (st && list.length > 0) {
    try {
      st.setItem(storageKey(sample), JSON.stringify(list));
      break;
    } catch {
      list = list.slice(0, -1); // quota exceeded: keep fewer
    }
  }
  return list;
}

export function clear(sample: string): void {
  try {
    storage()?.removeItem(storageKey(sample));
  } catch {
    // nothing to do
  }
}

const LANGUAGE_KEY = "guides:try:language";

/** The language the candidate last picked, on any sample. */
export function preferredLanguage(): string | null {
  try {
    return storage()?.getItem(LANGUAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function setPreferredLanguage(lang: string): void {
  try {
    storage()?.setItem(LANGUAGE_KEY, lang);
  } catch {
    // not remembered
  }
}
