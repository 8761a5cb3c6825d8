package portal_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The publishing jobs and the editors' guide publish only what check
// accepts: check runs before any build, every build that publishes is
// --strict, and the GitHub job also runs daily just after midnight Vietnam
// time (GitLab's daily run is a schedule its comment describes), so dates
// take effect on their day.
func TestPublishingIsStrict(t *testing.T) {
	buildLine := regexp.MustCompile(`(?m)^.*portal(?:\.exe)?"? build\b.*$`)
	for _, tc := range []struct {
		file  string
		check bool // runs portal check before building
		daily string
	}{
		{".github/workflows/pages.yml", true, `cron: "5 17 * * *"`},
		{".gitlab-ci.yml", true, `"5 0 * * *" with the time zone "Hanoi"`},
		{"deploy/nginx.conf", false, ""},
		{"docs/editors-guide.md", false, ""},
	} {
		b, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(tc.file)))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		builds := buildLine.FindAllStringIndex(text, -1)
		if len(builds) == 0 {
			t.Errorf("%s: no portal build", tc.file)
		}
		for _, at := range builds {
			line := text[at[0]:at[1]]
			if !strings.Contains(line, "--strict") {
				t.Errorf("%s: a build that publishes without --strict: %s", tc.file, strings.TrimSpace(line))
			}
		}
		if tc.check {
			i := strings.Index(text, "portal\" check")
			if i < 0 {
				i = strings.Index(text, "portal check\n")
			}
			if i < 0 || len(builds) > 0 && i > builds[0][0] {
				t.Errorf("%s: portal check does not run before the build", tc.file)
			}
		}
		if tc.daily != "" && !strings.Contains(text, tc.daily) {
			t.Errorf("%s: no daily run just after midnight Vietnam time (%s)", tc.file, tc.daily)
		}
	}
}
