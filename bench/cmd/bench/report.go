package main

import (
	"fmt"
	"io"
	"strings"
)

// target is a design goal stated as a ratio between two tools' figures.
type target struct {
	num, den string  // tool names
	memory   bool    // compare peak RSS, not wall time
	atLeast  bool    // the ratio must be >= limit, else <= limit
	limit    float64 // from DESIGN.md's performance targets
}

// targets are the ratios the table reports, in column order.
func targets() []target {
	return []target{
		{num: "hugo", den: "guides", atLeast: true, limit: 4},
		{num: "guides", den: "floor", limit: 2},
		{num: "guides", den: "hugo", memory: true, limit: 0.33},
	}
}

// header is the column title of t, such as "hugo/guides time (≥ 4)".
func (t target) header() string {
	what, op := "time", "≤"
	if t.memory {
		what = "memory"
	}
	if t.atLeast {
		op = "≥"
	}
	return fmt.Sprintf("%s/%s %s (%s %g)", t.num, t.den, what, op, t.limit)
}

// cell is the ratio and its verdict among one size's results, or "n/a"
// when a tool was not run.
func (t target) cell(byTool map[string]result) string {
	a, okA := byTool[t.num]
	b, okB := byTool[t.den]
	if !okA || !okB {
		return "n/a"
	}
	x := a.wall.Seconds() / b.wall.Seconds()
	if t.memory {
		x = float64(a.rss) / float64(b.rss)
	}
	pass := x <= t.limit
	if t.atLeast {
		pass = x >= t.limit
	}
	verdict := "FAIL"
	if pass {
		verdict = "PASS"
	}
	return fmt.Sprintf("%.2f %s", x, verdict)
}

// writeTable prints one Markdown table: a row per size and tool, the ratios
// on the first row of each size. CPU time is there because the targets are
// wall-time ratios, and on a busy machine CPU time shows whether a miss is
// the tool's or the machine's.
func writeTable(w io.Writer, results []result) error {
	cols := []string{"pages", "tool", "HTML files", "wall s", "cpu s", "peak RSS MiB"}
	for _, t := range targets() {
		cols = append(cols, t.header())
	}
	rows := []string{row(cols), "| ---: | --- | ---: | ---: | ---: | ---: | --- | --- | --- |"}
	for _, group := range bySize(results) {
		byTool := map[string]result{}
		for _, r := range group {
			byTool[r.tool] = r
		}
		for i, r := range group {
			cells := []string{fmt.Sprint(r.pages), r.tool, fmt.Sprint(r.files), fmt.Sprintf("%.2f", r.wall.Seconds()),
				fmt.Sprintf("%.2f", r.cpu.Seconds()), fmt.Sprintf("%.0f", r.rssMiB())}
			for _, t := range targets() {
				if i == 0 {
					cells = append(cells, t.cell(byTool))
				} else {
					cells = append(cells, "")
				}
			}
			rows = append(rows, row(cells))
		}
	}
	_, err := io.WriteString(w, strings.Join(rows, "\n")+"\n")
	return err
}

// row formats cells as a Markdown table row.
func row(cells []string) string {
	return "| " + strings.Join(cells, " | ") + " |"
}

// bySize splits results, ordered by size then tool, into one group per size.
func bySize(results []result) [][]result {
	var groups [][]result
	for i, r := range results {
		if i == 0 || r.pages != results[i-1].pages {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], r)
	}
	return groups
}
