package newpage

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"portal/internal/content"
	"portal/internal/testkit"
)

var fixedNow = time.Date(2024, 3, 5, 2, 4, 5, 0, time.UTC) // 09:04:05 in Hà Nội

func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: \"Thử\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "tin-tuc"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCreateFromTitleSlugs(t *testing.T) {
	dir := site(t)
	res, err := Create(Options{Source: dir, Section: "tin-tuc", Title: "Hội nghị triển khai Kế hoạch số 19/KH-UBND: \"nâng cao\" PAPI", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Path
	if want := "content/tin-tuc/hoi-nghi-trien-khai-ke-hoach-so-19-kh-ubnd-nang-cao-papi.md"; got != want {
		t.Fatalf("Create = %q; want %q", got, want)
	}
	b, err := os.ReadFile(filepath.Join(dir, got))
	if err != nil {
		t.Fatal(err)
	}
	want := `---
title: "Hội nghị triển khai Kế hoạch số 19/KH-UBND: \"nâng cao\" PAPI"
date: 2024-03-05T09:04:05+07:00
draft: true
# Mô tả ngắn (dưới 160 ký tự), hiện trong danh sách trang và kết quả tìm kiếm.
description: ""
---
`
	if !strings.HasPrefix(string(b), want) {
		t.Errorf("file:\n%s\nwant it to start with:\n%s", b, want)
	}
	// The page is one the build accepts, with the title intact.
	f, probs := content.LoadFile(dir, strings.TrimPrefix(got, "content/"), time.UTC)
	if f == nil || len(probs) > 0 {
		t.Fatalf("new page does not load: %v", probs)
	}
	if f.FM.Title != "Hội nghị triển khai Kế hoạch số 19/KH-UBND: \"nâng cao\" PAPI" || !f.FM.Draft {
		t.Errorf("front matter: title %q draft %v", f.FM.Title, f.FM.Draft)
	}
}

func TestRefusesToOverwrite(t *testing.T) {
	dir := site(t)
	testkit.WriteFile(t, dir, "content/tin-tuc/bai-viet.md", "của biên tập viên")
	for _, opts := range []Options{
		{Source: dir, Path: "tin-tuc/bai-viet.md"},
		{Source: dir, Path: "content/tin-tuc/bai-viet.md"},
		{Source: dir, Section: "tin-tuc", Title: "Bài viết"},
	} {
		_, err := Create(opts)
		if !errors.Is(err, ErrExists) {
			t.Errorf("Create(%+v) = %v; want ErrExists", opts, err)
		}
	}
	if b := testkit.ReadFile(t, dir, "content/tin-tuc/bai-viet.md"); b != "của biên tập viên" {
		t.Errorf("existing file changed: %q", b)
	}
}

func TestRefusesPathsLeavingContent(t *testing.T) {
	dir := site(t)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "content", "lien-ket")); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []Options{
		{Source: dir, Path: "../ngoai.md"},
		{Source: dir, Path: "tin-tuc/../../ngoai.md"},
		{Source: dir, Path: "/tmp/ngoai.md"},
		{Source: dir, Path: "tin-tuc\\..\\..\\ngoai.md"},
		{Source: dir, Path: "tin-tuc/ngoai.txt"},
		{Source: dir, Path: "tin-tuc/.an.md"},
		{Source: dir, Path: "lien-ket/ngoai.md"},
		{Source: dir, Section: "../..", Title: "Ngoài", NewSection: true},
		{Source: dir, Path: "lien-ket/moi/ngoai.md", NewSection: true},
		{Source: dir, Section: "tin-tuc", Title: "!!!"},
		{Source: dir},
	} {
		if got, err := Create(opts); err == nil {
			t.Errorf("Create(%+v) = %q; want refused", opts, got.Path)
		}
	}
	entries, _ := os.ReadDir(outside)
	if len(entries) != 0 {
		t.Errorf("files written outside content/: %v", entries)
	}
}

func TestArchetypeLookup(t *testing.T) {
	dir := site(t)
	testkit.WriteFile(t, dir, "layouts/_archetypes/default.md", "---\ntitle: {{ quote .Title }}\ndraft: true\n---\nMặc định {{ .Section }}\n")
	testkit.WriteFile(t, dir, "layouts/_archetypes/van-ban.md", "---\ntitle: {{ quote .Title }}\ndate: {{ .Date }}\nso_hieu: \"\"\ndraft: true\n---\nVăn bản\n")
	cases := []struct{ path, want string }{
		{"van-ban/kh-19.md", "so_hieu: \"\"\ndraft: true\n---\nVăn bản\n"},
		{"tin-tuc/a.md", "Mặc định tin-tuc\n"},
		{"gioi-thieu.md", "Mặc định \n"},
	}
	for _, c := range cases {
		got, err := Create(Options{Source: dir, Path: c.path, Now: fixedNow, NewSection: true})
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		b, _ := os.ReadFile(filepath.Join(dir, got.Path))
		if !strings.HasSuffix(string(b), c.want) {
			t.Errorf("%s:\n%s\nwant suffix %q", c.path, b, c.want)
		}
	}
	// A title from the file name, for the editor to correct.
	b, _ := os.ReadFile(filepath.Join(dir, "content/van-ban/kh-19.md"))
	if !strings.Contains(string(b), `title: "Kh 19"`) {
		t.Errorf("title from name:\n%s", b)
	}
	// A broken archetype is reported and writes nothing.
	testkit.WriteFile(t, dir, "layouts/_archetypes/hong.md", "---\ntitle: {{ .Khong }}\n---\n")
	if _, err := Create(Options{Source: dir, Path: "hong/a.md", NewSection: true}); err == nil || !strings.Contains(err.Error(), "layouts/_archetypes/hong.md") {
		t.Errorf("broken archetype: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/hong/a.md")); err == nil {
		t.Error("file written from a broken archetype")
	}
	testkit.WriteFile(t, dir, "layouts/_archetypes/sai.md", "---\ntitle: [khong dong\n---\n")
	if _, err := Create(Options{Source: dir, Path: "sai/a.md", NewSection: true}); err == nil {
		t.Error("archetype giving invalid front matter accepted")
	}
}

// A file whose name folds to an existing page's address is refused (the
// next build would refuse both); a long title gives a short file name.
func TestRefusesSameAddressAndShortensLongTitles(t *testing.T) {
	dir := site(t)
	testkit.WriteFile(t, dir, "content/tin-tuc/Le-Hoi.md", "---\ntitle: Lễ hội\n---\n")
	for _, opts := range []Options{
		{Source: dir, Section: "tin-tuc", Title: "Lễ hội"},
		{Source: dir, Path: "tin-tuc/Lễ hội.md"},
	} {
		if _, err := Create(opts); err == nil || !strings.Contains(err.Error(), "Le-Hoi.md") {
			t.Errorf("Create(%+v) = %v; want refused naming Le-Hoi.md", opts, err)
		}
	}
	long := strings.Repeat("Kế hoạch nâng cao chỉ số ", 20)
	res, err := Create(Options{Source: dir, Section: "tin-tuc", Title: long})
	if err != nil {
		t.Fatalf("long title: %v", err)
	}
	if base := filepath.Base(res.Path); len(base) > maxSlug+len(".md") || !strings.HasPrefix(base, "ke-hoach-nang-cao") || strings.Contains(base, "-.md") {
		t.Errorf("long title gave %q", base)
	}
}

// A folder that does not exist is refused, naming the folders that do and
// the one the editor probably meant; nothing is written.
func TestUnknownSectionRefused(t *testing.T) {
	dir := site(t)
	for _, d := range []string{"van-ban", "hoi-dap", ".git"} {
		if err := os.MkdirAll(filepath.Join(dir, "content", d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		opts          Options
		folder, guess string
	}{
		{Options{Source: dir, Section: "van-bna", Title: "Kế hoạch"}, "content/van-bna", "van-ban"},
		{Options{Source: dir, Path: "hoidap/cau-hoi.md"}, "content/hoidap", "hoi-dap"},
		{Options{Source: dir, Section: "Liên hệ", Title: "Địa chỉ"}, "content/lien-he", ""},
		{Options{Source: dir, Path: "van-ban/2024/ke-hoach.md"}, "content/van-ban/2024", ""},
	} {
		_, err := Create(tc.opts)
		var use *UnknownSectionError
		if !errors.As(err, &use) {
			t.Errorf("Create(%+v) = %v; want *UnknownSectionError", tc.opts, err)
			continue
		}
		if use.Folder != tc.folder || use.Closest != tc.guess {
			t.Errorf("Create(%+v): folder %q closest %q; want %q %q", tc.opts, use.Folder, use.Closest, tc.folder, tc.guess)
		}
		msg := err.Error()
		if !strings.Contains(msg, "--new-section") {
			t.Errorf("message does not say how to create a section:\n%s", msg)
		}
		if tc.folder == "content/van-bna" && !strings.Contains(msg, "Các mục hiện có: hoi-dap, tin-tuc, van-ban") {
			t.Errorf("message does not list the sections (hidden folders left out):\n%s", msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "van-bna")); err == nil {
		t.Error("a folder was created for a refused section")
	}
}

// Section names fold as slugs do and find the folder that exists;
// --new-section creates a new one with a section page titled as typed.
func TestSectionsFoldAndNewSection(t *testing.T) {
	dir := site(t)
	if err := os.MkdirAll(filepath.Join(dir, "content", "van-ban"), 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := Create(Options{Source: dir, Section: "Văn bản", Title: "Thử", Now: fixedNow})
	if err != nil || res.Path != "content/van-ban/thu.md" || len(res.Sections) != 0 {
		t.Fatalf("existing section by its Vietnamese name: %+v, %v", res, err)
	}
	res, err = Create(Options{Source: dir, Path: "Văn Bản/Cách gửi phản ánh.md", Now: fixedNow})
	if err != nil || res.Path != "content/van-ban/cach-gui-phan-anh.md" {
		t.Fatalf("path with diacritics: %+v, %v", res, err)
	}
	if res.Title != "Cách gửi phản ánh" || !res.TitleFromName {
		t.Errorf("title from a file name with diacritics: %q (from name %v)", res.Title, res.TitleFromName)
	}
	res, err = Create(Options{Source: dir, Path: "van-ban/cach-nop-ho-so.md", Now: fixedNow})
	if err != nil || res.Title != "Cach nop ho so" || !res.TitleFromName {
		t.Errorf("title from an ASCII file name: %+v, %v", res, err)
	}
	res, err = Create(Options{Source: dir, Path: "van-ban/ke-hoach.md", Title: "Kế hoạch năm 2024", Now: fixedNow})
	if err != nil || res.Title != "Kế hoạch năm 2024" || res.TitleFromName {
		t.Errorf("title given: %+v, %v", res, err)
	}

	res, err = Create(Options{Source: dir, Section: "Hỏi đáp", Title: "Câu hỏi thường gặp", NewSection: true, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != "content/hoi-dap/cau-hoi-thuong-gap.md" || len(res.Sections) != 1 || res.Sections[0] != "content/hoi-dap/_index.md" {
		t.Fatalf("new section: %+v", res)
	}
	f, probs := content.LoadFile(dir, "hoi-dap/_index.md", time.UTC)
	if f == nil || len(probs) > 0 || f.FM.Title != "Hỏi đáp" {
		t.Errorf("section page: %+v %v", f, probs)
	}
}

func TestNotASiteFolder(t *testing.T) {
	dir := t.TempDir()
	_, err := Create(Options{Source: dir, Path: "a.md"})
	if err == nil || !strings.Contains(err.Error(), "không thấy tệp site.yaml") {
		t.Errorf("Create in a folder without site.yaml: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written: %v", entries)
	}
}

func TestPlanWritesNothing(t *testing.T) {
	dir := site(t)
	got, err := Plan(Options{Source: dir, Path: "Tin tức/Lịch họp.md"})
	if err != nil || got != "content/tin-tuc/lich-hop.md" {
		t.Errorf("Plan = %q, %v", got, err)
	}
	var use *UnknownSectionError
	if _, err := Plan(Options{Source: dir, Path: "tin-tc/a.md"}); !errors.As(err, &use) {
		t.Errorf("Plan of an unknown section: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "content", "tin-tuc")); len(entries) != 0 {
		t.Errorf("Plan wrote %v", entries)
	}
}

// Paths as typed in PowerShell, with backslashes and completion's ".\".
func TestWindowsPaths(t *testing.T) {
	dir := site(t)
	for _, p := range []string{`.\content\tin-tuc\mot.md`, `tin-tuc\hai.md`, `./content/tin-tuc/ba.md`} {
		res, err := Create(Options{Source: dir, Path: p, Title: "Thử", Now: fixedNow})
		if err != nil || !strings.HasPrefix(res.Path, "content/tin-tuc/") {
			t.Errorf("Create(%q) = %+v, %v", p, res, err)
		}
	}
	res, err := Create(Options{Source: dir, Section: `content\tin-tuc`, Title: "Bốn", Now: fixedNow})
	if err != nil || res.Path != "content/tin-tuc/bon.md" {
		t.Errorf("--section with a backslash: %+v, %v", res, err)
	}
	for _, p := range []string{`C:\ngoai.md`, `tin-tuc\..\..\ngoai.md`, `\\may-chu\chia-se\a.md`} {
		if _, err := Create(Options{Source: dir, Path: p, Title: "Ngoài", NewSection: true}); err == nil {
			t.Errorf("Create(%q) accepted", p)
		}
	}
}
