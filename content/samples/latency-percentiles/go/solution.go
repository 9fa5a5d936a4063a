package main

import (
	"maps"
	"slices"
)

// Record is one access-log line. Keep this type as it is: the tests use it.
type Record struct {
	Endpoint string
	Ms       int
}

// Summary is the latency of one endpoint. Keep this type as it is: the tests use it.
type Summary struct {
	Endpoint      string
	P50, P95, P99 int
}

// Percentiles returns p50, p95 and p99 latency per endpoint, by nearest rank,
// one Summary per endpoint, sorted by endpoint. The records come in any order.
func Percentiles(records []Record) []Summary {
	byEndpoint := map[string][]int{}
	for _, r := range records {
		byEndpoint[r.Endpoint] = append(byEndpoint[r.Endpoint], r.Ms)
	}
	out := []Summary{}
	for _, endpoint := range slices.Sorted(maps.Keys(byEndpoint)) {
		values := byEndpoint[endpoint]
		slices.Sort(values)
		out = append(out, Summary{
			Endpoint: endpoint,
			P50:      nearestRank(values, 50),
			P95:      nearestRank(values, 95),
			P99:      nearestRank(values, 99),
		})
	}
	return out
}

// nearestRank returns the p-th percentile of sorted values: the value at rank
// ceil(p*n/100), counting ranks from 1. Integer arithmetic, so no rounding.
func nearestRank(values []int, p int) int {
	rank := (p*len(values) + 99) / 100
	return values[rank-1]
}
