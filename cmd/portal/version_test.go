package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestReadVersion(t *testing.T) {
	vcs := func(rev, at, modified string) *debug.BuildInfo {
		bi := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "portal", Version: "(devel)"}}
		for k, v := range map[string]string{"vcs.revision": rev, "vcs.time": at, "vcs.modified": modified} {
			if v != "" {
				bi.Settings = append(bi.Settings, debug.BuildSetting{Key: k, Value: v})
			}
		}
		return bi
	}
	const rev = "5cb3db6e9a1f00112233445566778899aabbccdd"
	platform := runtime.GOOS + "/" + runtime.GOARCH
	tests := []struct {
		name                 string
		stampV, stampC, date string
		bi                   *debug.BuildInfo
		want                 string
	}{
		{"release build", "v1.2.0", rev, "2026-12-06T10:00:00Z", vcs(rev, "2026-12-06T10:00:00Z", "false"),
			"portal v1.2.0, commit 5cb3db6e9a1f ngày 2026-12-06T10:00:00Z, go1.26.0 " + platform},
		{"go build from a clean checkout", "", "", "", vcs(rev, "2026-12-06T10:00:00Z", "false"),
			"portal (devel), commit 5cb3db6e9a1f ngày 2026-12-06T10:00:00Z, go1.26.0 " + platform},
		{"go build with uncommitted changes", "", "", "", vcs(rev, "2026-12-06T10:00:00Z", "true"),
			"portal (devel), commit 5cb3db6e9a1f (có thay đổi chưa commit) ngày 2026-12-06T10:00:00Z, go1.26.0 " + platform},
		{"stamped values win over the build info", "v1.2.0", "aaaaaaaaaaaa", "2026-01-01T00:00:00Z", vcs(rev, "2026-12-06T10:00:00Z", "true"),
			"portal v1.2.0, commit aaaaaaaaaaaa ngày 2026-01-01T00:00:00Z, go1.26.0 " + platform},
		{"no build information", "", "", "", nil,
			"portal (devel), không rõ commit, " + runtime.Version() + " " + platform},
		{"module version from the tag", "", "", "", func() *debug.BuildInfo {
			bi := vcs(rev, "2026-12-06T10:00:00Z", "false")
			bi.Main.Version = "v1.3.0"
			return bi
		}(), "portal v1.3.0, commit 5cb3db6e9a1f ngày 2026-12-06T10:00:00Z, go1.26.0 " + platform},
	}
	for _, tc := range tests {
		if got := readVersion(tc.stampV, tc.stampC, tc.date, tc.bi).String(); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// "portal version", "--version" and "-v" print the same line.
func TestVersionCommands(t *testing.T) {
	var first string
	for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}, {"-version"}} {
		code, stdout, stderr := portal(args...)
		if code != exitOK || stderr != "" || !strings.HasPrefix(stdout, "portal ") || !strings.Contains(stdout, runtime.Version()) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
		if first == "" {
			first = stdout
		} else if stdout != first {
			t.Errorf("%v printed %q; version printed %q", args, stdout, first)
		}
	}
}
