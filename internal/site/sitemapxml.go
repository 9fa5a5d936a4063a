package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// What one sitemap file may hold (sitemaps.org): 50,000 URLs and 50 MB.
// Search engines reject a larger file whole.
const (
	sitemapMaxURLs  = 50_000
	sitemapMaxBytes = 50 << 20
)

const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	xhtmlNS   = "http://www.w3.org/1999/xhtml"
)

// urlset is a sitemap that lists pages.
type urlset struct {
	XMLName xml.Name `xml:"urlset"`
	NS      string   `xml:"xmlns,attr"`
	XHTML   string   `xml:"xmlns:xhtml,attr"`
	URLs    []smURL  `xml:"url"`
}

type smURL struct {
	Loc     string   `xml:"loc"`
	LastMod string   `xml:"lastmod,omitempty"`
	Links   []smLink `xml:"xhtml:link"`
}

type smLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemapIndex is a sitemap.xml that lists sitemaps instead of pages.
type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	NS       string       `xml:"xmlns,attr"`
	Sitemaps []smLocation `xml:"sitemap"`
}

type smLocation struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// splitSitemap encodes urls as sitemap.xml when one file may hold them,
// else as parts sitemap-1.xml, sitemap-2.xml, ... of at most maxURLs URLs
// and maxBytes bytes each, which sitemap.xml indexes. root is the site's
// absolute URL with a final slash; robots.txt names sitemap.xml either way.
func splitSitemap(urls []smURL, root string, maxURLs, maxBytes int) (map[string][]byte, error) {
	for per := maxURLs; per > 0; per /= 2 {
		parts, fits, err := encodeParts(urls, per, maxBytes)
		if err != nil {
			return nil, err
		}
		if !fits {
			continue
		}
		if len(parts) == 1 {
			return map[string][]byte{"sitemap.xml": parts[0]}, nil
		}
		files := map[string][]byte{}
		index := sitemapIndex{NS: sitemapNS}
		for i, part := range parts {
			name := fmt.Sprintf("sitemap-%d.xml", i+1)
			files[name] = part
			index.Sitemaps = append(index.Sitemaps, smLocation{Loc: root + name, LastMod: newestMod(urls[i*per : min((i+1)*per, len(urls))])})
		}
		files["sitemap.xml"] = index.encode()
		return files, nil
	}
	return nil, fmt.Errorf("sitemap: a single page's entry is over %d bytes", maxBytes)
}

// encodeParts encodes urls per at a time (a site without pages still gets
// its one, empty, part), and reports whether every part is within maxBytes.
func encodeParts(urls []smURL, per, maxBytes int) ([][]byte, bool, error) {
	var parts [][]byte
	for start := 0; start == 0 || start < len(urls); start += per {
		out := urlset{NS: sitemapNS, XHTML: xhtmlNS, URLs: urls[start:min(start+per, len(urls))]}.encode()
		if len(out) > maxBytes {
			return nil, false, nil
		}
		parts = append(parts, out)
	}
	return parts, true, nil
}

// The encoders below write what xml.MarshalIndent(v, "", "  ") writes
// after xml.Header (TestSitemapEncodersMatchEncodingXML holds them to it):
// by reflection it took a core a quarter of a second for 30,000 URLs.

func (s urlset) encode() []byte {
	var b bytes.Buffer
	b.Grow(len(s.URLs) * 512)
	openRoot(&b, "urlset", "xmlns", s.NS, "xmlns:xhtml", s.XHTML)
	for _, u := range s.URLs {
		openEntry(&b, "url", u.Loc, u.LastMod)
		for _, l := range u.Links {
			b.WriteString("\n    <xhtml:link")
			attr(&b, "rel", l.Rel)
			attr(&b, "hreflang", l.HrefLang)
			attr(&b, "href", l.Href)
			b.WriteString("></xhtml:link>")
		}
		b.WriteString("\n  </url>")
	}
	closeRoot(&b, "urlset", len(s.URLs))
	return b.Bytes()
}

func (s sitemapIndex) encode() []byte {
	var b bytes.Buffer
	openRoot(&b, "sitemapindex", "xmlns", s.NS)
	for _, m := range s.Sitemaps {
		openEntry(&b, "sitemap", m.Loc, m.LastMod)
		b.WriteString("\n  </sitemap>")
	}
	closeRoot(&b, "sitemapindex", len(s.Sitemaps))
	return b.Bytes()
}

// openRoot writes the XML header and the root's start tag, with attrs as
// name, value pairs.
func openRoot(b *bytes.Buffer, tag string, attrs ...string) {
	b.WriteString(xml.Header)
	b.WriteByte('<')
	b.WriteString(tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		attr(b, attrs[i], attrs[i+1])
	}
	b.WriteByte('>')
}

// closeRoot writes the root's end tag, on a line of its own after entries.
func closeRoot(b *bytes.Buffer, tag string, entries int) {
	if entries > 0 {
		b.WriteByte('\n')
	}
	b.WriteString("</")
	b.WriteString(tag)
	b.WriteString(">\n")
}

// openEntry writes an entry's start tag (<url>, <sitemap>), its loc and
// its lastmod if it has one.
func openEntry(b *bytes.Buffer, tag, loc, lastMod string) {
	b.WriteString("\n  <")
	b.WriteString(tag)
	b.WriteByte('>')
	element(b, "loc", loc)
	if lastMod != "" {
		element(b, "lastmod", lastMod)
	}
}

// attr writes ` name="value"`.
func attr(b *bytes.Buffer, name, value string) {
	b.WriteByte(' ')
	b.WriteString(name)
	b.WriteString(`="`)
	xml.EscapeText(b, []byte(value))
	b.WriteByte('"')
}

// element writes <name>text</name> on a line of its own in an entry.
func element(b *bytes.Buffer, name, text string) {
	b.WriteString("\n    <")
	b.WriteString(name)
	b.WriteByte('>')
	xml.EscapeText(b, []byte(text))
	b.WriteString("</")
	b.WriteString(name)
	b.WriteByte('>')
}

// newestMod is the latest lastmod of urls: ISO dates order as text.
func newestMod(urls []smURL) string {
	var last string
	for _, u := range urls {
		last = max(last, u.LastMod)
	}
	return last
}
