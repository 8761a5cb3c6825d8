package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"portal/internal/build"
	"portal/internal/testkit"
)

const bundle = "content/ve-papi/gioi-thieu/index.md"

func TestRebuildOneBodyEditRendersOnlyWhatShowsIt(t *testing.T) {
	root := testkit.Site(t, "engine")
	s := New(Options{Source: root})
	if ps := s.Problems(); ps != nil {
		t.Fatalf("first build failed: %v", ps)
	}
	src := testkit.ReadFile(t, root, bundle)
	edited := strings.Replace(src, "Nghị định 42/2022/NĐ-CP.", "Nghị định 42/2022/NĐ-CP đã sửa.", 1)
	edited = strings.Replace(edited, "![Biểu đồ]", "![Sơ đồ mới]", 1)
	testkit.WriteFile(t, root, bundle, edited)
	res := s.Rebuild([]string{bundle})
	if res.Err != nil || res.Full {
		t.Fatalf("Rebuild = full %v, err %v; want incremental", res.Full, res.Err)
	}
	if !slices.Contains(res.Written, "ve-papi/gioi-thieu/index.html") {
		t.Errorf("edited page not re-rendered; written %v", res.Written)
	}
	for _, unrelated := range []string{"ke-hoach/index.html", "tags/index.html", "404.html", "css/style.css"} {
		if slices.Contains(res.Written, unrelated) {
			t.Errorf("unrelated %s re-rendered; written %v", unrelated, res.Written)
		}
	}
	page, _ := s.File("ve-papi/gioi-thieu/index.html")
	if !strings.Contains(string(page), "đã sửa") {
		t.Errorf("served page lacks the edit:\n%s", page)
	}
	// The summary changed, so the lists showing it were redone too.
	for _, shown := range []string{"ve-papi/index.html", "index.html", "tags/papi/index.html"} {
		if !slices.Contains(res.Written, shown) {
			t.Errorf("%s shows the summary but was not re-rendered; written %v", shown, res.Written)
		}
	}
	list, _ := s.File("ve-papi/index.html")
	if !strings.Contains(string(list), "Sơ đồ mới") {
		t.Errorf("section list shows the old summary:\n%s", list)
	}
}

func TestRebuildBodyEditNotShownElsewhereRendersOnePage(t *testing.T) {
	root := testkit.Site(t, "engine")
	s := New(Options{Source: root})
	// Same words, same summary: no list shows anything that changed.
	testkit.WriteFile(t, root, bundle, strings.Replace(testkit.ReadFile(t, root, bundle), "Xem", "Đọc", 1))
	res := s.Rebuild([]string{bundle})
	if res.Err != nil || res.Full {
		t.Fatalf("full %v err %v", res.Full, res.Err)
	}
	var pages []string
	for _, w := range res.Written {
		if strings.HasSuffix(w, ".html") {
			pages = append(pages, w)
		} else if !strings.HasPrefix(w, "search/") {
			t.Errorf("unexpected %s written", w)
		}
	}
	if want := []string{"ve-papi/gioi-thieu/index.html"}; !slices.Equal(pages, want) {
		t.Errorf("pages written %v; want %v", pages, want)
	}
}

func TestSearchIndexUpdatedWhenSearched(t *testing.T) {
	root := testkit.Site(t, "engine")
	indexed := make(chan []string, 4)
	s := New(Options{Source: root, OnIndex: func(w []string) { indexed <- w }})
	defer s.Close()
	ts := httptest.NewServer(s)
	defer ts.Close()
	searchHas := func(word string) bool {
		for _, f := range s.cur.Load().files.Files() {
			if b, _ := s.File(f); strings.HasPrefix(f, "search/") && strings.Contains(string(b), word) {
				return true
			}
		}
		return false
	}
	for i := range 3 {
		testkit.WriteFile(t, root, bundle, testkit.ReadFile(t, root, bundle)+fmt.Sprintf("\nTừ mới quyxyz%d.\n", i))
		if r := s.Rebuild([]string{bundle}); r.Err != nil || r.Full {
			t.Fatalf("full %v err %v", r.Full, r.Err)
		}
	}
	// Saving does not reindex: that would slow down showing the edit.
	if searchHas("quyxyz") {
		t.Fatal("index rewritten on save")
	}
	if code, _, _ := get(t, ts.URL+"/search/manifest.json"); code != http.StatusOK {
		t.Fatalf("manifest: status %d", code)
	}
	select {
	case w := <-indexed:
		if len(w) == 0 {
			t.Error("index rewrite wrote nothing")
		}
	default:
		t.Fatal("search index not rewritten when asked for")
	}
	if !searchHas("quyxyz2") {
		t.Error("search index lacks the last edit")
	}
	// Three edits, one rewrite; a second request finds it current.
	get(t, ts.URL+"/search/manifest.json")
	select {
	case <-indexed:
		t.Error("index rewritten again without an edit")
	default:
	}
}

func TestRebuildFrontMatterEditIsFull(t *testing.T) {
	root := testkit.Site(t, "engine")
	s := New(Options{Source: root})
	src := testkit.ReadFile(t, root, bundle)
	testkit.WriteFile(t, root, bundle, strings.Replace(src, `title: "Giới thiệu PAPI"`, `title: "Giới thiệu Chỉ số PAPI"`, 1))
	res := s.Rebuild([]string{bundle})
	if res.Err != nil || !res.Full {
		t.Fatalf("front matter edit: full %v err %v; want a full rebuild", res.Full, res.Err)
	}
	home, _ := s.File("index.html")
	if !strings.Contains(string(home), "Giới thiệu Chỉ số PAPI") && !strings.Contains(string(readOut(t, s, "ve-papi/index.html")), "Giới thiệu Chỉ số PAPI") {
		t.Errorf("new title not shown in the section list")
	}
}

func readOut(t *testing.T, s *Server, rel string) []byte {
	t.Helper()
	b, ok := s.File(rel)
	if !ok {
		t.Fatalf("%s not built", rel)
	}
	return b
}

func TestDeleteRemovesOutput(t *testing.T) {
	root := testkit.Site(t, "engine")
	testkit.WriteFile(t, root, "content/ve-papi/tam-thoi.md", "---\ntitle: \"Tạm thời\"\n---\nSẽ bị xoá.\n")
	s := New(Options{Source: root})
	ts := httptest.NewServer(s)
	defer ts.Close()
	if code, _, _ := get(t, ts.URL+"/ve-papi/tam-thoi/"); code != http.StatusOK {
		t.Fatalf("new page: status %d", code)
	}
	if err := os.Remove(filepath.Join(root, "content/ve-papi/tam-thoi.md")); err != nil {
		t.Fatal(err)
	}
	res := s.Rebuild([]string{"content/ve-papi/tam-thoi.md"})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if !slices.Contains(res.Removed, "ve-papi/tam-thoi/index.html") {
		t.Errorf("Removed = %v; want the deleted page's output", res.Removed)
	}
	if _, ok := s.File("ve-papi/tam-thoi/index.html"); ok {
		t.Error("deleted page still built")
	}
	code, _, body := get(t, ts.URL+"/ve-papi/tam-thoi/")
	if code != http.StatusNotFound || !strings.Contains(body, "Không tìm thấy trang") {
		t.Errorf("deleted page: status %d, body %q; want the site's 404 page", code, body)
	}
}

func TestEditorTempFileIsNotARebuild(t *testing.T) {
	root := testkit.Site(t, "engine")
	s := New(Options{Source: root})
	// sed -i and some editors write a temporary file beside the page and
	// rename it over the page: the temporary name is gone by rebuild time.
	src := testkit.ReadFile(t, root, bundle)
	testkit.WriteFile(t, root, bundle, src+"\nThêm một câu.\n")
	res := s.Rebuild([]string{"content/ve-papi/gioi-thieu/sedAb12Cd", bundle})
	if res.Err != nil || res.Full {
		t.Fatalf("full %v err %v; want incremental", res.Full, res.Err)
	}
}

func TestOverlayOnBrokenEditClearsOnFix(t *testing.T) {
	root := testkit.Site(t, "engine")
	s := New(Options{Source: root})
	defer s.Close()
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, ts.URL+EventsPath)
	if ev := nextEvent(t, events, "ok", "error"); ev.name != "ok" {
		t.Fatalf("first event %q; want ok", ev.name)
	}

	good := testkit.ReadFile(t, root, bundle)
	testkit.WriteFile(t, root, bundle, good+"\n{{< khong-co >}}\n")
	res := s.Rebuild([]string{bundle})
	var failed *build.Failed
	if !errors.As(res.Err, &failed) {
		t.Fatalf("broken edit: err %v; want *build.Failed", res.Err)
	}
	want := "content/ve-papi/gioi-thieu/index.md:13: mã ngắn \"khong-co\" không tồn tại"
	ev := nextEvent(t, events, "error")
	if !strings.Contains(ev.data, strings.ReplaceAll(want, `"`, `\"`)) {
		t.Errorf("error event %s; want it to name %q", ev.data, want)
	}
	// The last good site is still served, with the same message on top.
	code, _, body := get(t, ts.URL+"/ve-papi/gioi-thieu/")
	if code != http.StatusOK || !strings.Contains(body, "Nghị định 42/2022") {
		t.Fatalf("during the error: status %d; want the last good page", code)
	}
	if !strings.Contains(body, `id="portal-overlay"`) || !strings.Contains(body, "content/ve-papi/gioi-thieu/index.md:13: mã ngắn &#34;khong-co&#34; không tồn tại") {
		t.Errorf("page lacks the server-drawn overlay with the message:\n%s", body)
	}
	// A tab opened now learns of the error at once.
	late := openEvents(t, ctx, ts.URL+EventsPath)
	if ev := nextEvent(t, late, "ok", "error"); ev.name != "error" {
		t.Errorf("new stream during the error starts with %q; want error", ev.name)
	}

	testkit.WriteFile(t, root, bundle, good)
	if res := s.Rebuild([]string{bundle}); res.Err != nil {
		t.Fatalf("fix: %v", res.Err)
	}
	nextEvent(t, events, "reload")
	_, _, body = get(t, ts.URL+"/ve-papi/gioi-thieu/")
	if strings.Contains(body, "portal-overlay") {
		t.Error("overlay still drawn after the fix")
	}
	if s.Problems() != nil {
		t.Errorf("Problems after fix = %v", s.Problems())
	}
}

func TestCSSOnlyChangeSwapsStylesheets(t *testing.T) {
	root := testkit.Site(t, "engine")
	s := New(Options{Source: root})
	defer s.Close()
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, ts.URL+EventsPath)
	nextEvent(t, events, "ok")
	testkit.WriteFile(t, root, "static/css/style.css", "main { color: #123456; }\n")
	res := s.Rebuild([]string{"static/css/style.css"})
	if res.Err != nil || res.Full || !res.CSSOnly {
		t.Fatalf("css edit: full %v cssOnly %v err %v", res.Full, res.CSSOnly, res.Err)
	}
	nextEvent(t, events, "css")
	_, h, body := get(t, ts.URL+"/css/style.css")
	if !strings.Contains(body, "#123456") || h.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("stylesheet %q (%s)", body, h.Get("Content-Type"))
	}
}

func TestWatchPicksUpNewFolders(t *testing.T) {
	root := testkit.Site(t, "engine")
	results := make(chan *Result, 64)
	s := New(Options{Source: root, OnRebuild: func(r *Result) { results <- r }})
	<-results // the first build
	startWatch(t, s)
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for !ok() {
			select {
			case <-results:
			case <-deadline:
				t.Fatalf("timed out waiting for %s", what)
			}
		}
	}
	testkit.WriteFile(t, root, "content/moi/sau/trang.md", "---\ntitle: \"Trang mới\"\n---\nBản đầu.\n")
	waitFor("the page in the new folder", func() bool {
		b, ok := s.File("moi/sau/trang/index.html")
		return ok && strings.Contains(string(b), "Bản đầu")
	})
	// This change is seen only if the new folder itself is watched.
	time.Sleep(100 * time.Millisecond)
	testkit.WriteFile(t, root, "content/moi/sau/trang.md", "---\ntitle: \"Trang mới\"\n---\nBản hai.\n")
	waitFor("the edit inside the new folder", func() bool {
		b, _ := s.File("moi/sau/trang/index.html")
		return strings.Contains(string(b), "Bản hai")
	})
	// Swap files and .git are not the site.
	testkit.WriteFile(t, root, "content/moi/.trang.md.swp", "x")
	testkit.WriteFile(t, root, ".git/HEAD", "ref: refs/heads/main\n")
	testkit.WriteFile(t, root, "public/index.html", "x")
	select {
	case r := <-results:
		t.Errorf("rebuild for ignored files: %v", r.Changed)
	case <-time.After(400 * time.Millisecond):
	}
}

func TestWatchCoalescesBursts(t *testing.T) {
	root := testkit.Site(t, "engine")
	results := make(chan *Result, 64)
	s := New(Options{Source: root, Debounce: 80 * time.Millisecond, OnRebuild: func(r *Result) { results <- r }})
	<-results
	startWatch(t, s)
	src := testkit.ReadFile(t, root, bundle)
	for i := range 5 {
		testkit.WriteFile(t, root, bundle, src+strings.Repeat("\nThêm.", i+1))
	}
	select {
	case r := <-results:
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no rebuild")
	}
	select {
	case r := <-results:
		t.Errorf("a burst of 5 writes made a second rebuild (%v)", r.Changed)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestDraftBannerAndBasePath(t *testing.T) {
	root := testkit.Site(t, "engine")
	cfg := testkit.ReadFile(t, root, "site.yaml")
	testkit.WriteFile(t, root, "site.yaml", strings.Replace(cfg, `baseURL: "https://example.org/"`, `baseURL: "https://example.org/papi/"`, 1))
	s := New(Options{Source: root, Drafts: true})
	ts := httptest.NewServer(s)
	defer ts.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/papi/" {
		t.Errorf("GET / = %d → %q; want a redirect to /papi/", resp.StatusCode, resp.Header.Get("Location"))
	}
	code, _, body := get(t, ts.URL+"/papi/ve-papi/ban-nhap/")
	if code != http.StatusOK || !strings.Contains(body, `id="portal-draft"`) || !strings.Contains(body, "Bản nháp — trang này chưa được xuất bản") {
		t.Errorf("draft page: status %d, no banner:\n%s", code, body)
	}
	_, _, body = get(t, ts.URL+"/papi/ve-papi/")
	if strings.Contains(body, "portal-draft") {
		t.Error("banner on a published page")
	}
	if code, _, _ := get(t, ts.URL+"/ve-papi/"); code != http.StatusNotFound {
		t.Errorf("page outside the base path: status %d; want 404", code)
	}

	// Without --drafts the draft is not served at all.
	plain := New(Options{Source: root})
	ts2 := httptest.NewServer(plain)
	defer ts2.Close()
	if code, _, _ := get(t, ts2.URL+"/papi/ve-papi/ban-nhap/"); code != http.StatusNotFound {
		t.Errorf("draft without --drafts: status %d", code)
	}
}

func TestNoGoroutineLeakAcrossRebuilds(t *testing.T) {
	root := testkit.Site(t, "engine")
	s := New(Options{Source: root})
	defer s.Close()
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, ts.URL+EventsPath)
	nextEvent(t, events, "ok")
	// Drain events so the stream keeps up.
	go func() {
		for range events {
		}
	}()
	time.Sleep(50 * time.Millisecond)
	before := runtime.NumGoroutine()
	src := testkit.ReadFile(t, root, bundle)
	n := 1000
	if testing.Short() {
		n = 100
	}
	for i := range n {
		if i%100 == 0 {
			if r := s.Rebuild(nil); r.Err != nil {
				t.Fatal(r.Err)
			}
			continue
		}
		testkit.WriteFile(t, root, bundle, src+strings.Repeat("x", i%7))
		if r := s.Rebuild([]string{bundle}); r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	var after int
	for range 50 {
		after = runtime.NumGoroutine()
		if after <= before+3 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if after > before+3 {
		buf := make([]byte, 1<<16)
		t.Errorf("goroutines: %d before, %d after %d rebuilds\n%s", before, after, n, buf[:runtime.Stack(buf, true)])
	}
}

func TestEventStreamOutlivesWriteTimeout(t *testing.T) {
	root := testkit.Site(t, "engine")
	s := New(Options{Source: root})
	defer s.Close()
	ts := httptest.NewUnstartedServer(s)
	ts.Config = NewHTTPServer(s)
	ts.Config.WriteTimeout = 150 * time.Millisecond
	ts.Config.ReadTimeout = 150 * time.Millisecond
	ts.Start()
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, ts.URL+EventsPath)
	nextEvent(t, events, "ok")
	time.Sleep(400 * time.Millisecond)
	s.Rebuild(nil)
	nextEvent(t, events, "reload")
}

func TestCloseEndsEventStreams(t *testing.T) {
	s := New(Options{Source: testkit.Site(t, "engine")})
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, ts.URL+EventsPath)
	nextEvent(t, events, "ok")
	s.Close()
	select {
	case _, ok := <-events:
		for ok {
			_, ok = <-events
		}
	case <-time.After(5 * time.Second):
		t.Fatal("stream still open after Close")
	}
	if n := s.hub.subscribers(); n != 0 {
		t.Errorf("%d subscribers after Close", n)
	}
}

func TestFirstBuildFailureStillServes(t *testing.T) {
	root := testkit.Site(t, "engine")
	testkit.WriteFile(t, root, "site.yaml", "title: \"x\"\nkhongbiet: 1\n")
	s := New(Options{Source: root})
	ts := httptest.NewServer(s)
	defer ts.Close()
	code, _, body := get(t, ts.URL+"/")
	if code != http.StatusInternalServerError || !strings.Contains(body, "site.yaml:2:") || !strings.Contains(body, "portal-overlay") {
		t.Errorf("broken first build: status %d body\n%s", code, body)
	}
	testkit.WriteFile(t, root, "site.yaml", "title: \"x\"\n")
	if r := s.Rebuild([]string{"site.yaml"}); r.Err != nil {
		t.Fatal(r.Err)
	}
	if code, _, _ := get(t, ts.URL+"/"); code != http.StatusOK {
		t.Errorf("after fix: status %d", code)
	}
}

// content/ as a symlink to a folder inside the site: the build reads
// through it, and so does the watcher.
func TestWatchFollowsSymlinkedTopFolder(t *testing.T) {
	root := testkit.Site(t, "engine")
	if err := os.Rename(filepath.Join(root, "content"), filepath.Join(root, "noi-dung")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("noi-dung", filepath.Join(root, "content")); err != nil {
		t.Fatal(err)
	}
	results := make(chan *Result, 64)
	s := New(Options{Source: root, OnRebuild: func(r *Result) { results <- r }})
	<-results
	startWatch(t, s)
	testkit.WriteFile(t, root, "noi-dung/ve-papi/qua-lien-ket.md", "---\ntitle: \"Qua liên kết\"\n---\nBản một.\n")
	deadline := time.After(10 * time.Second)
	for {
		if b, ok := s.File("ve-papi/qua-lien-ket/index.html"); ok && strings.Contains(string(b), "Bản một") {
			return
		}
		select {
		case <-results:
		case <-deadline:
			t.Fatal("timed out waiting for the page written in the linked folder")
		}
	}
}

// serve --drafts shows, on a draft, what check --drafts finds there, so
// the editor fixes it before publishing; a published page and a draft
// without findings get no box, and an edit that fixes the draft clears it.
func TestDraftShowsCheckFindings(t *testing.T) {
	root := testkit.Site(t, "engine")
	testkit.WriteFile(t, root, "content/ve-papi/anh-nhap.md", "---\ntitle: \"Ảnh nháp\"\ndescription: \"Bản nháp có ảnh.\"\ndraft: true\n---\nĐoạn đầu.\n\n![](gioi-thieu/logo.svg)\n")
	s := New(Options{Source: root, Drafts: true})
	ts := httptest.NewServer(s)
	defer ts.Close()
	_, _, body := get(t, ts.URL+"/ve-papi/anh-nhap/")
	want := `content/ve-papi/anh-nhap.md:8: error: ảnh &#34;/ve-papi/gioi-thieu/logo.svg&#34; thiếu văn bản thay thế`
	if !strings.Contains(body, `id="portal-findings"`) || !strings.Contains(body, want) || !strings.Contains(body, "1 lỗi") {
		t.Errorf("draft page lacks its finding %q:\n%s", want, body)
	}
	if _, _, body := get(t, ts.URL+"/ve-papi/"); strings.Contains(body, "portal-findings") {
		t.Error("findings box on a published page")
	}

	testkit.WriteFile(t, root, "content/ve-papi/anh-nhap.md", "---\ntitle: \"Ảnh nháp\"\ndescription: \"Bản nháp có ảnh.\"\ndraft: true\n---\nĐoạn đầu.\n\n![Biểu trưng PAPI](gioi-thieu/logo.svg)\n")
	if res := s.Rebuild([]string{"content/ve-papi/anh-nhap.md"}); res.Err != nil {
		t.Fatal(res.Err)
	}
	if _, _, body := get(t, ts.URL+"/ve-papi/anh-nhap/"); strings.Contains(body, "thiếu văn bản thay thế") {
		t.Errorf("the fixed draft still shows the finding:\n%s", body)
	}
}

func TestMsVN(t *testing.T) {
	for ms, want := range map[float64]string{36.44: "36,4", 0.05: "0,1", 1234: "1234,0"} {
		if got := msVN(ms); got != want {
			t.Errorf("msVN(%v) = %q, want %q", ms, got, want)
		}
	}
}
