// Harness for the rate-limiter sample. It reads a JSON array of cases
// {rate, burst, times} on stdin, drives a fresh Limiter from candidate.go
// through each case and writes one JSON line per case to file descriptor 3:
// {"actual": [bools]} or {"error": "..."} when the candidate's code panicked.
// Its identifiers carry a harness prefix so they do not clash with the
// candidate's, who shares package main.
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type harnessCase struct {
	Rate  int     `json:"rate"`
	Burst int     `json:"burst"`
	Times []int64 `json:"times"`
}

func main() {
	var cases []harnessCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "harness: reading cases:", err)
		os.Exit(2)
	}
	out := json.NewEncoder(os.NewFile(3, "results"))
	for _, c := range cases {
		if err := out.Encode(harnessRun(c)); err != nil {
			fmt.Fprintln(os.Stderr, "harness: writing result:", err)
			os.Exit(2)
		}
	}
}

// harnessRun runs one case; a panic in the candidate's code becomes that
// case's error instead of ending the run.
func harnessRun(c harnessCase) (result map[string]any) {
	defer func() {
		if r := recover(); r != nil {
			result = map[string]any{"error": fmt.Sprint("panic: ", r)}
		}
	}()
	l := NewLimiter(c.Rate, c.Burst)
	admitted := make([]bool, 0, len(c.Times))
	for _, t := range c.Times {
		admitted = append(admitted, l.Allow(t))
	}
	return map[string]any{"actual": admitted}
}
