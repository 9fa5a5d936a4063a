package main

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
	return nil // replace with your solution
}
