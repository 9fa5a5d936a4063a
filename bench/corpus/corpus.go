package corpus

import (
	"fmt"
	"math/rand/v2"
)

// DefaultSeed is the seed the benchmark uses, so every run measures the same
// corpus.
const DefaultSeed = 20261122

// Config says which corpus to generate.
type Config struct {
	Pages int    // guides per locale
	Seed  uint64 // PCG seed; the same Config yields the same bytes
}

// EmitFunc receives one generated file: its slash-separated path relative to
// the content root (such as "en/roles/role-00001.md") and its bytes.
type EmitFunc func(path string, data []byte) error

// Content generates the content tree: per locale, _index.md and one guide per
// page. Files are emitted one at a time in a fixed order.
func Content(cfg Config, emit EmitFunc) error {
	g, err := newGenerator(cfg)
	if err != nil {
		return err
	}
	for k := range g.files() {
		if err := emit(g.file(k)); err != nil {
			return err
		}
	}
	return nil
}

// generator makes any file of the corpus on demand, independently of the
// others, so files can be generated in parallel.
type generator struct {
	cfg   Config
	roles []role
	locs  []*locale
	code  map[string][]string
}

// newGenerator draws the roles of cfg.
func newGenerator(cfg Config) (*generator, error) {
	if cfg.Pages < 0 {
		return nil, fmt.Errorf("corpus: negative page count %d", cfg.Pages)
	}
	return &generator{cfg: cfg, roles: drawRoles(cfg.Seed, cfg.Pages), locs: locales(), code: snippets()}, nil
}

// files is the number of files in the corpus.
func (g *generator) files() int {
	return len(g.locs) * (len(g.roles) + 1)
}

// file returns file k: per locale, _index.md first and then the guides. It
// only reads g, so it is safe to call concurrently.
func (g *generator) file(k int) (string, []byte) {
	li, i := k/(len(g.roles)+1), k%(len(g.roles)+1)-1
	loc := g.locs[li]
	if i < 0 {
		return loc.code + "/_index.md", []byte(homePage(loc))
	}
	rng := rand.New(rand.NewPCG(g.cfg.Seed, uint64(i)*3+1+uint64(li)))
	w := &writer{rng: rng, loc: loc, r: &g.roles[i], roles: g.roles}
	return loc.code + "/roles/" + g.roles[i].slug + ".md", []byte(w.page(g.code))
}
