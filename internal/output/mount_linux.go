//go:build linux

package output

import (
	"bytes"
	"os"
	"strconv"
)

// inMountTable looks dir up among the mount points of /proc/self/mountinfo
// (field 5, with spaces and the like written as octal escapes).
func inMountTable(dir string) bool {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return false
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		f := bytes.Fields(line)
		if len(f) > 4 && unescapeMount(string(f[4])) == dir {
			return true
		}
	}
	return false
}

func unescapeMount(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				out = append(out, byte(n))
				i += 3
				continue
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}
