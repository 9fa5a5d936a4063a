"""Harness for the rate-limiter sample.

Reads a JSON array of cases {rate, burst, times} on stdin, drives a fresh
candidate.Limiter through each case and writes one JSON line per case to file
descriptor 3: {"actual": [bools]}, or {"error": "..."} when the candidate's
code raised. Whatever the candidate prints stays on stdout and stderr.
"""

import json
import os
import sys

import candidate


def run(case):
    limiter = candidate.Limiter(case["rate"], case["burst"])
    return [limiter.allow(t) for t in case["times"]]


def main():
    cases = json.load(sys.stdin)
    os.set_blocking(3, True)
    with os.fdopen(3, "w") as out:
        for case in cases:
            try:
                line = json.dumps({"actual": run(case)})
            except Exception as e:  # the candidate's failure is a result, not ours
                line = json.dumps({"error": f"{type(e).__name__}: {e}"})
            out.write(line + "\n")
            out.flush()


if __name__ == "__main__":
    main()
