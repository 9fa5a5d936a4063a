// Package corpus generates a deterministic, synthetic set of bilingual hiring
// guides for benchmarking the site generator against Hugo and against
// goldmark alone.
//
// Each page is a valid guide in the content format the generator reads: known
// front-matter fields only, the seven pinned "##" sections in order, unique
// heading ids, "::::question" directives with nested ":::strong" and ":::weak"
// notes, fenced code with a language, a GFM table, no raw HTML, no try blocks,
// and links only to other generated pages of the same locale. A page is about
// 1,500 to 2,500 words, the size of a real guide.
//
// The output depends only on the page count and the seed: page i is drawn from
// its own PCG stream, so the same Config always yields the same bytes.
package corpus
