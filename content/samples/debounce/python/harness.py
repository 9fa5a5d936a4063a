"""Harness for the debounce sample.

Reads a JSON array of cases {times, wait} on stdin, calls
candidate.debounce_times on each and writes one JSON line per case to file
descriptor 3: {"actual": <result>}, or {"error": "..."} when the candidate's
code raised. Whatever the candidate prints stays on stdout and stderr.
"""

import json
import os
import sys

import candidate


def run(case):
    return candidate.debounce_times(case["times"], case["wait"])


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
