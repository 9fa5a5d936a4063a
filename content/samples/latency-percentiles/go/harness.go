// Harness for the latency-percentiles sample. It reads a JSON array of cases
// {records} on stdin, calls Percentiles from candidate.go on each and writes
// one JSON line per case to file descriptor 3: {"actual": [summaries]}, or
// {"error": "..."} when the candidate's code panicked. It builds the output
// objects itself so that the candidate's types need no JSON tags. Its
// identifiers carry a harness prefix so they do not clash with the
// candidate's, who shares package main.
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type harnessCase struct {
	Records []struct {
		Endpoint string `json:"endpoint"`
		Ms       int    `json:"ms"`
	} `json:"records"`
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
	records := make([]Record, 0, len(c.Records))
	for _, r := range c.Records {
		records = append(records, Record{Endpoint: r.Endpoint, Ms: r.Ms})
	}
	summaries := []map[string]any{}
	for _, s := range Percentiles(records) {
		summaries = append(summaries, map[string]any{
			"endpoint": s.Endpoint, "p50": s.P50, "p95": s.P95, "p99": s.P99,
		})
	}
	return map[string]any{"actual": summaries}
}
