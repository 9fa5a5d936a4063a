// Package assets bundles the site's CSS and scripts with esbuild, in process,
// into fingerprinted files safe to cache forever, and minifies HTML with
// tdewolff/minify when asked.
package assets

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"guides/internal/diag"
)

// Bundle is the built assets: files to publish and the URL of each entry.
type Bundle struct {
	Files map[string][]byte // site path (without leading slash) → content
	URLs  map[string]string // entry name ("app.css", "try.js") → site URL
}

// Options configure Build.
type Options struct {
	Dir     string            // the assets directory (absolute or relative to the working directory)
	Virtual map[string]string // extra modules importable as "virtual:<name>" (generated CSS)
	// Stable names entries without a content hash (/assets/app.css): for
	// serve, where a stylesheet edit must not change every page's link.
	Stable bool
}

// Build bundles css/app.css and every ts/*.ts entry under Dir. Errors carry
// esbuild's file, line and column.
func Build(opts Options) (*Bundle, diag.List) {
	abs, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Pos{File: opts.Dir}, "%v", err)}
	}
	entries := entryPoints(abs)
	if len(entries) == 0 {
		return nil, diag.List{diag.Errorf(diag.Pos{File: opts.Dir}, "no entry points (want css/app.css)")}
	}
	entryNames := "[name]-[hash]"
	if opts.Stable {
		entryNames = "[name]"
	}
	res := api.Build(api.BuildOptions{
		EntryPoints:       entries,
		AbsWorkingDir:     abs,
		Outdir:            "assets",
		Bundle:            true,
		Write:             false,
		Format:            api.FormatESModule,
		Splitting:         true,
		EntryNames:        entryNames,
		ChunkNames:        "chunks/[name]-[hash]",
		AssetNames:        "[name]-[hash]",
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Target:            api.ES2020,
		Metafile:          true,
		Plugins:           []api.Plugin{virtualPlugin(opts.Virtual)},
		Loader:            map[string]api.Loader{".woff2": api.LoaderFile, ".svg": api.LoaderFile},
	})
	if errs := messages(opts.Dir, abs, res.Errors); len(errs) > 0 {
		return nil, errs
	}
	return collect(abs, res)
}

func entryPoints(abs string) []string {
	var out []string
	if _, err := fs.Stat(os.DirFS(abs), "css/app.css"); err == nil {
		out = append(out, "css/app.css")
	}
	ts, _ := fs.Glob(os.DirFS(abs), "ts/*.ts")
	for _, f := range ts {
		if !strings.HasSuffix(f, ".d.ts") && !strings.HasSuffix(f, ".test.ts") && !strings.HasPrefix(path.Base(f), ".") {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

func collect(abs string, res api.BuildResult) (*Bundle, diag.List) {
	b := &Bundle{Files: map[string][]byte{}, URLs: map[string]string{}}
	for _, f := range res.OutputFiles {
		rel, err := filepath.Rel(abs, f.Path)
		if err != nil {
			return nil, diag.List{diag.Errorf(diag.Pos{File: f.Path}, "%v", err)}
		}
		b.Files[filepath.ToSlash(rel)] = f.Contents
	}
	meta, err := parseMetafile(res.Metafile)
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Pos{File: "assets"}, "esbuild metafile: %v", err)}
	}
	for out, o := range meta.Outputs {
		if o.EntryPoint == "" {
			continue
		}
		name := strings.TrimSuffix(path.Base(o.EntryPoint), path.Ext(o.EntryPoint)) + path.Ext(out)
		b.URLs[name] = "/" + out
	}
	return b, nil
}

// messages turns esbuild errors into positioned problems. esbuild counts
// lines from 1 and columns from 0.
func messages(dir, abs string, msgs []api.Message) diag.List {
	var l diag.List
	for _, m := range msgs {
		pos := diag.Pos{File: dir}
		if loc := m.Location; loc != nil {
			file := loc.File
			if rel, err := filepath.Rel(abs, filepath.Join(abs, file)); err == nil {
				file = filepath.Join(dir, rel)
			}
			pos = diag.Pos{File: file, Line: loc.Line, Col: loc.Column + 1}
		}
		l.Add(pos, "%s", m.Text)
	}
	return l
}

func virtualPlugin(modules map[string]string) api.Plugin {
	return api.Plugin{
		Name: "virtual",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `^virtual:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: a.Path, Namespace: "virtual"}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "virtual"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				name := strings.TrimPrefix(a.Path, "virtual:")
				src, ok := modules[name]
				if !ok {
					return api.OnLoadResult{}, fmt.Errorf("unknown virtual module %q", name)
				}
				loader := api.LoaderJS
				if strings.HasSuffix(name, ".css") {
					loader = api.LoaderCSS
				}
				return api.OnLoadResult{Contents: &src, Loader: loader}, nil
			})
		},
	}
}
