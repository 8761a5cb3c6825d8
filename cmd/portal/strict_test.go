package main

import (
	"strings"
	"testing"

	"portal/internal/testkit"
)

// noAlt is a page whose image has no text for screen readers: it builds,
// and check calls it an error at line 7.
func noAlt(draft bool) string {
	d := "false"
	if draft {
		d = "true"
	}
	return "---\ntitle: \"Ảnh thử\"\ndescription: \"Một trang có ảnh.\"\ndraft: " + d + "\n---\nĐoạn đầu.\n\n![](/anh.svg)\n"
}

// goodSite is a site check finds nothing wrong with, plus an image.
func goodSite(t *testing.T) string {
	src := testkit.Site(t, "good")
	testkit.WriteFile(t, src, "static/anh.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>`)
	return src
}

// check skips drafts unless --drafts: the guide's "check, then set
// draft: false" needs it.
func TestCheckDrafts(t *testing.T) {
	src := goodSite(t)
	testkit.WriteFile(t, src, "content/gioi-thieu/anh.md", noAlt(true))
	const want = "content/gioi-thieu/anh.md:8: error: ảnh \"/anh.svg\" thiếu văn bản thay thế"
	code, stdout, stderr := portal("check", "--source", src)
	if code != exitOK || strings.Contains(stdout, "anh.md") {
		t.Errorf("check without --drafts: exit %d, want 0 and nothing on the draft:\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = portal("check", "--drafts", "--source", src)
	if code != exitFailed || !strings.Contains(stdout, want) {
		t.Errorf("check --drafts: exit %d, want 1 and %q:\n%s%s", code, want, stdout, stderr)
	}
}

// build --strict refuses to publish what check calls an error, naming the
// file and line, and leaves the previous output as it was; a plain build
// still publishes (the preview's and a trial build's way), and a draft's
// mistake does not stop a strict build that leaves the draft out.
func TestBuildStrict(t *testing.T) {
	src := goodSite(t)
	dest := t.TempDir() + "/public"
	if code, _, stderr := portal("build", "--strict", "--source", src, "--dest", dest, "--quiet"); code != exitOK {
		t.Fatalf("strict build of a good site: exit %d\n%s", code, stderr)
	}
	testkit.WriteFile(t, src, "content/gioi-thieu/nhap.md", noAlt(true))
	if code, _, stderr := portal("build", "--strict", "--source", src, "--dest", dest, "--quiet"); code != exitOK {
		t.Fatalf("strict build with a faulty draft left out: exit %d\n%s", code, stderr)
	}
	before := testkit.Snapshot(t, dest)

	testkit.WriteFile(t, src, "content/gioi-thieu/anh.md", noAlt(false))
	code, _, stderr := portal("build", "--strict", "--source", src, "--dest", dest)
	if code != exitFailed {
		t.Errorf("build --strict: exit %d, want 1\n%s", code, stderr)
	}
	lines := strings.Split(stderr, "\n")
	if !strings.HasPrefix(lines[0], "portal build --strict: không xuất bản vì kiểm tra (portal check) thấy 1 lỗi") {
		t.Errorf("first line does not say the cause:\n%s", stderr)
	}
	for _, want := range []string{"content/gioi-thieu/anh.md:8: ảnh \"/anh.svg\" thiếu văn bản thay thế", "Bản dựng trước (nếu có) được giữ nguyên"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if diff := testkit.Diff(before, testkit.Snapshot(t, dest)); len(diff) > 0 {
		t.Errorf("a refused strict build changed the output: %v", diff)
	}

	if code, _, stderr := portal("build", "--source", src, "--dest", dest, "--quiet"); code != exitOK {
		t.Errorf("build without --strict: exit %d, want 0\n%s", code, stderr)
	}
	if got := testkit.ReadFile(t, dest, "gioi-thieu/anh/index.html"); !strings.Contains(got, `<img src="/anh.svg" alt `) {
		t.Errorf("the plain build did not publish the page as before:\n%s", got)
	}
}

// A finding about a built file, such as a layout's broken link, names
// the file where build --strict was asked to put the site, not "public/".
func TestBuildStrictNamesTheDestination(t *testing.T) {
	src := goodSite(t)
	dest := t.TempDir() + "/ra-ngoai"
	footer := testkit.ReadFile(t, src, "layouts/_default/baseof.html")
	testkit.WriteFile(t, src, "layouts/_default/baseof.html", strings.Replace(footer, "</body>", `<a href="/khong-co/">x</a></body>`, 1))
	code, _, stderr := portal("build", "--strict", "--source", src, "--dest", dest)
	if code != exitFailed {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "\n"+dest+"/") || strings.Contains(stderr, "\npublic/") {
		t.Errorf("findings not named under %s:\n%s", dest, stderr)
	}
}
