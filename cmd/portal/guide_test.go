package main

import (
	"flag"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

// guideCommand matches a command the editors' guide shows, in a code
// block or inline: .\portal.exe, ./portal or C:\portal\portal.exe, then
// its words up to the end of the code.
var guideCommand = regexp.MustCompile("(?m)(?:\\.[\\\\/]portal(?:\\.exe)?|[A-Z]:\\\\portal\\\\portal\\.exe)((?: [^`\\n]*)?)")

// TestGuideCommandsExist runs every command of docs/editors-guide.md
// through the real command table: the command must exist and each
// --option must be one it takes, so a renamed option cannot leave the
// guide teaching one that fails.
func TestGuideCommandsExist(t *testing.T) {
	b, err := os.ReadFile("../../docs/editors-guide.md")
	if err != nil {
		t.Fatal(err)
	}
	ms := guideCommand.FindAllStringSubmatch(string(b), -1)
	if len(ms) < 10 {
		t.Fatalf("found %d commands in the guide; the pattern no longer matches how it writes them", len(ms))
	}
	cmds := commands()
	for _, m := range ms {
		words := strings.Fields(m[1])
		if len(words) == 0 {
			continue // "thay .\portal.exe bằng ./portal"
		}
		name := words[0]
		if name == "help" || name == "--help" || name == "-h" || name == "--version" || name == "-v" {
			continue
		}
		c := find(cmds, name)
		if c == nil {
			t.Errorf("guide: %q: no command %q", m[0], name)
			continue
		}
		fs := flag.NewFlagSet(name, flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		c.flags(fs)
		for _, w := range words[1:] {
			if !strings.HasPrefix(w, "--") {
				continue
			}
			f, _, _ := strings.Cut(strings.TrimPrefix(w, "--"), "=")
			if f != "help" && fs.Lookup(f) == nil {
				t.Errorf("guide: %q: portal %s has no option --%s", m[0], name, f)
			}
		}
	}
}
