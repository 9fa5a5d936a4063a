package corpus

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// family is a group of roles with the technologies and code languages their
// guides talk about.
type family struct {
	slug  string
	roles []string
	stack []string
	code  []string // fenced-code languages used in the guide body
}

// families returns the role families of the corpus.
func families() []family {
	return []family{
		{"engineering",
			[]string{"Backend Engineer", "Frontend Engineer", "Mobile Engineer", "Platform Engineer", "Security Engineer", "QA Engineer"},
			[]string{"Go", "Python", "Java", "Kotlin", "TypeScript", "React", "Node.js", "PostgreSQL", "Redis", "Docker", "gRPC", "GraphQL"},
			[]string{"go", "python", "typescript", "java", "sql"}},
		{"data",
			[]string{"Data Engineer", "Data Scientist", "Analytics Engineer", "Machine Learning Engineer", "Data Analyst"},
			[]string{"Python", "SQL", "Spark", "Airflow", "dbt", "Snowflake", "Kafka", "PostgreSQL", "Tableau", "PyTorch"},
			[]string{"sql", "python", "yaml"}},
		{"operations",
			[]string{"Site Reliability Engineer", "DevOps Engineer", "Network Engineer", "Database Administrator", "Cloud Engineer"},
			[]string{"Linux", "Kubernetes", "Terraform", "AWS", "GCP", "Prometheus", "Grafana", "Ansible", "Docker", "PostgreSQL"},
			[]string{"bash", "yaml", "go", "python"}},
		{"management",
			[]string{"Engineering Manager", "Technical Program Manager", "Head of Engineering", "Delivery Manager"},
			[]string{"Jira", "Confluence", "OKRs", "Scrum", "Kanban", "GitHub", "Linear"},
			[]string{"yaml", "sql", "json"}},
		{"product",
			[]string{"Product Manager", "Product Designer", "UX Researcher", "Product Analyst"},
			[]string{"Figma", "Amplitude", "Mixpanel", "SQL", "Jira", "Miro", "Looker"},
			[]string{"sql", "json", "yaml"}},
	}
}

// seniorities are the level prefixes of role titles, the same in both locales.
func seniorities() []string {
	return []string{"Junior", "Mid-level", "Senior", "Staff", "Principal", "Lead"}
}

// questionKinds are the kinds the question directive accepts.
func questionKinds() []string {
	return []string{"technical", "design", "behavioral", "sql"}
}

// round is one interview round: an index into locale.rounds and its length.
type round struct {
	name, minutes int
}

// role is everything about a guide that does not depend on its language, so
// the English page and its Italian translation describe the same role.
type role struct {
	slug      string
	family    string
	name      string
	seniority string
	domain    int
	stack     []string
	skills    []int
	rounds    []round
	kinds     []string
	code      []string
	links     []int
	updated   string
	words     int // target body length in words
}

// drawRoles draws the n roles of the corpus, each from its own PCG stream.
func drawRoles(seed uint64, n int) []role {
	fams, en := families(), english()
	roles := make([]role, n)
	for i := range roles {
		roles[i] = drawRole(rand.New(rand.NewPCG(seed, uint64(i)*3)), i, n, fams, en)
	}
	return roles
}

// drawRole draws role i of n; en gives the sizes of the parallel lists.
func drawRole(rng *rand.Rand, i, n int, fams []family, en *locale) role {
	f := fams[rng.IntN(len(fams))]
	r := role{
		slug:      fmt.Sprintf("role-%05d", i),
		family:    f.slug,
		name:      pick(rng, f.roles),
		seniority: pick(rng, seniorities()),
		domain:    rng.IntN(len(en.domains)),
		stack:     sample(rng, f.stack, 3+rng.IntN(4)),
		skills:    rng.Perm(len(en.skills))[:4+rng.IntN(5)],
		kinds:     drawKinds(rng, 4+rng.IntN(3)),
		code:      sample(rng, f.code, 2+rng.IntN(2)),
		updated:   time.Date(2026, 1, 1+rng.IntN(330), 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
		words:     1500 + rng.IntN(801), // padding overshoots by a paragraph
	}
	for _, k := range rng.Perm(len(en.rounds))[:3+rng.IntN(3)] {
		r.rounds = append(r.rounds, round{name: k, minutes: 15 * (2 + rng.IntN(5))})
	}
	r.links = drawLinks(rng, i, n, 3+rng.IntN(3)) // last: only links depend on n
	return r
}

// drawKinds draws n question kinds.
func drawKinds(rng *rand.Rand, n int) []string {
	kinds := make([]string, n)
	for i := range kinds {
		kinds[i] = pick(rng, questionKinds())
	}
	return kinds
}

// drawLinks draws up to k distinct pages other than i among n.
func drawLinks(rng *rand.Rand, i, n, k int) []int {
	if n < 2 {
		return nil
	}
	k = min(k, n-1)
	seen := map[int]bool{i: true}
	links := make([]int, 0, k)
	for len(links) < k {
		j := rng.IntN(n)
		if !seen[j] {
			seen[j] = true
			links = append(links, j)
		}
	}
	return links
}

// pick returns a random element of list.
func pick[T any](rng *rand.Rand, list []T) T {
	return list[rng.IntN(len(list))]
}

// sample returns k distinct elements of list, in random order.
func sample[T any](rng *rand.Rand, list []T, k int) []T {
	k = min(k, len(list))
	out := make([]T, k)
	for i, j := range rng.Perm(len(list))[:k] {
		out[i] = list[j]
	}
	return out
}
