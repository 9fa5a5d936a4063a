package corpus

import "strings"

// snippets returns code templates by fenced-code language. NAME, TABLE and
// LIMIT are replaced per page so blocks differ from page to page.
func snippets() map[string][]string {
	return map[string][]string{
		"go": {`func NAME(ctx context.Context, db *sql.DB, ids []int64) ([]Record, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM TABLE WHERE id = ANY($1) LIMIT LIMIT", ids)
	if err != nil {
		return nil, fmt.Errorf("load TABLE: %w", err)
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		var r Record
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}`, `type NAMELimiter struct {
	mu     sync.Mutex
	tokens float64
	last   time.Time
}

// Allow reports whether one more request fits in the budget of LIMIT per second.
func (l *NAMELimiter) Allow(now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tokens = min(LIMIT, l.tokens+now.Sub(l.last).Seconds()*LIMIT)
	l.last = now
	if l.tokens < 1 {
		return false
	}
	l.tokens--
	return true
}`},
		"python": {`def NAME(rows, limit=LIMIT):
    """Group TABLE rows by owner and keep the newest ones."""
    by_owner = {}
    for row in rows:
        by_owner.setdefault(row["owner"], []).append(row)
    result = []
    for owner, items in sorted(by_owner.items()):
        items.sort(key=lambda r: r["created_at"], reverse=True)
        result.extend(items[:limit])
    return result`, `import statistics

def NAME(latencies_ms):
    """Summarise TABLE latencies for the weekly report."""
    if not latencies_ms:
        return {}
    ordered = sorted(latencies_ms)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return {"median": statistics.median(ordered), "p95": p95, "max": ordered[-1], "budget": LIMIT}`},
		"sql": {`SELECT u.id, u.email, count(o.id) AS orders
FROM TABLE AS u
LEFT JOIN orders AS o ON o.user_id = u.id
WHERE u.created_at >= now() - interval '30 days'
GROUP BY u.id, u.email
HAVING count(o.id) < LIMIT
ORDER BY orders DESC;`, `CREATE INDEX CONCURRENTLY idx_TABLE_created_at ON TABLE (created_at);

EXPLAIN ANALYZE
SELECT id, status
FROM TABLE
WHERE created_at BETWEEN '2026-01-01' AND '2026-03-31'
  AND status = 'NAME'
LIMIT LIMIT;`},
		"typescript": {`export async function NAME(ids: string[], limit = LIMIT): Promise<Item[]> {
  const res = await fetch("/api/TABLE?ids=" + ids.join(","));
  if (!res.ok) {
    throw new Error("load TABLE: " + res.status);
  }
  const items: Item[] = await res.json();
  return items.slice(0, limit);
}`},
		"java": {`public final class NAMEService {
    private final TABLERepository repository;

    public NAMEService(TABLERepository repository) {
        this.repository = repository;
    }

    public List<Item> latest(String owner) {
        return repository.findByOwner(owner).stream()
            .sorted(Comparator.comparing(Item::createdAt).reversed())
            .limit(LIMIT)
            .toList();
    }
}`},
		"yaml": {`service: NAME
owner: TABLE-team
slo:
  availability: 99.9
  latency_p95_ms: LIMIT
alerts:
  - name: NAME-error-budget
    window: 1h
    threshold: 2
  - name: NAME-latency
    window: 15m
    threshold: LIMIT`},
		"bash": {`#!/usr/bin/env bash
set -euo pipefail
# Roll NAME out to one zone at a time and stop on the first failed check.
for zone in a b c; do
  kubectl -n TABLE rollout restart deployment/NAME-$zone
  kubectl -n TABLE rollout status deployment/NAME-$zone --timeout=LIMITs
done`},
		"json": {`{
  "experiment": "NAME",
  "audience": "TABLE",
  "variants": ["control", "treatment"],
  "primary_metric": "conversion",
  "minimum_sample": LIMIT,
  "guardrails": ["latency_p95", "refund_rate"]
}`},
	}
}

// codeBlock is a fenced code block in lang, drawn from its templates.
func (w *writer) codeBlock(lang string, all map[string][]string) string {
	names := []string{"loadAccounts", "rankCandidates", "billing", "checkout", "report", "ingest", "settle", "notify"}
	tables := []string{"users", "invoices", "shipments", "sessions", "payments", "events"}
	code := strings.NewReplacer(
		"NAME", pick(w.rng, names),
		"TABLE", pick(w.rng, tables),
		"LIMIT", []string{"20", "50", "100", "250"}[w.rng.IntN(4)],
	).Replace(pick(w.rng, all[lang]))
	return "```" + lang + "\n" + code + "\n```"
}
