package devserver

import (
	_ "embed"
	"strings"
)

//go:embed reload.js
var reloadJS string

// Script is the live-reload client as an inline <script> element, for
// site.Config.Head in serve only: a built site must never carry it.
func Script() string {
	return "<script>" + strings.TrimSpace(reloadJS) + "</script>"
}
