//go:build !linux

package hugepages

// Prefer does nothing on systems other than Linux; it returns 0.
func Prefer(size int64) int64 { return 0 }
