package assets

import "encoding/json"

// metafile is the part of esbuild's metafile we read: which output is which entry.
type metafile struct {
	Outputs map[string]struct {
		EntryPoint string `json:"entryPoint"`
	} `json:"outputs"`
}

func parseMetafile(s string) (metafile, error) {
	var m metafile
	err := json.Unmarshal([]byte(s), &m)
	return m, err
}
