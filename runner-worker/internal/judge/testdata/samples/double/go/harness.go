package main

import (
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	var cases []struct{ N int }
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		os.Exit(2)
	}
	out := json.NewEncoder(os.NewFile(3, "results"))
	for _, c := range cases {
		out.Encode(harnessRun(c.N))
	}
}

func harnessRun(n int) (r map[string]any) {
	defer func() {
		if p := recover(); p != nil {
			r = map[string]any{"error": fmt.Sprint("panic: ", p)}
		}
	}()
	return map[string]any{"actual": Double(n)}
}
