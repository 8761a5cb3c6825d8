package search

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"portal/internal/textutil"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []Token
	}{
		{"Đồng", []Token{{"đồng", "dong"}}},
		{"ĐÔNG động", []Token{{"đông", "dong"}, {"động", "dong"}}},
		// decomposed (NFD) input as saved by macOS editors
		{"Minh ba\u0323ch", []Token{{"minh", "minh"}, {"bạch", "bach"}}},
		{"thủ tục hành chính (TTHC), 19/KH-UBND", []Token{
			{"thủ", "thu"}, {"tục", "tuc"}, {"hành", "hanh"}, {"chính", "chinh"}, {"tthc", "tthc"},
			{"19", "19"}, {"kh", "kh"}, {"ubnd", "ubnd"}}},
		{"  \u201cmá\u201d  ", []Token{{"má", "ma"}}},
		{"", nil},
		{"… — !", nil},
	}
	for _, tc := range tests {
		if got := Tokenize(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Tokenize(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestScanBreaks(t *testing.T) {
	var got []string
	scan("hành chính. Cải cách\nmột cửa", func(raw string, brk bool) {
		if brk {
			got = append(got, "|")
		}
		got = append(got, raw)
	})
	want := []string{"hành", "chính", "|", "Cải", "cách", "|", "một", "cửa"}
	if !slices.Equal(got, want) {
		t.Errorf("scan = %v, want %v", got, want)
	}
}

func mustIndex(t testing.TB, docs []Doc, opts Options) *Index {
	t.Helper()
	files, err := Build(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func urls(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}

func TestQueries(t *testing.T) {
	ix := mustIndex(t, fixtureDocs(), Options{BasePath: "/papi/"})
	tests := []struct {
		q       string
		top     string   // expected first result ("" to skip)
		order   []string // these must appear in this relative order
		exactly []string // when set, the result set (any order)
		absent  []string
	}{
		{q: "minh bach", top: "minh-bach/", order: []string{"minh-bach/", "tin-tuc/bach-khoa/"}},
		{q: "Minh bạch", top: "minh-bach/", order: []string{"minh-bach/", "tin-tuc/bach-khoa/"}},
		{q: "dong", exactly: []string{"tin-tuc/dong-gop/", "tin-tuc/mua-dong/", "thu-tuc/tong-hop/"}},
		{q: "đồng", top: "tin-tuc/dong-gop/", order: []string{"tin-tuc/dong-gop/", "tin-tuc/mua-dong/"}},
		{q: "đông", top: "tin-tuc/mua-dong/", order: []string{"tin-tuc/mua-dong/", "tin-tuc/dong-gop/"}},
		{q: "má", top: "tin-tuc/ngay-cua-me/", order: []string{"tin-tuc/ngay-cua-me/", "tin-tuc/truyen-ma/"}},
		{q: "ma", exactly: []string{"tin-tuc/ngay-cua-me/", "tin-tuc/truyen-ma/"}},
		{q: "hành chính", top: "thu-tuc/cai-cach/", order: []string{"thu-tuc/cai-cach/", "thu-tuc/tong-hop/"}},
		{q: "hanh chinh", top: "thu-tuc/cai-cach/", order: []string{"thu-tuc/cai-cach/", "thu-tuc/tong-hop/"}},
		{q: "kiem soat tham nhung", top: "kiem-soat-tham-nhung/",
			exactly: []string{"kiem-soat-tham-nhung/", "tin-tuc/hoi-nghi/"}},
		// whole syllables: "thu" is not a prefix of "thực"
		{q: "thu", absent: []string{"tin-tuc/thuc-pham/"}, order: []string{"tin-tuc/mua-thu/"}},
		{q: "thực phẩm", top: "tin-tuc/thuc-pham/"},
		// a match inside a section links to its heading
		{q: "hộ nghèo", top: "minh-bach/#danh-sach-ho-ngheo"},
		{q: "du toan", top: "minh-bach/#cong-khai-ngan-sach-xa"},
		// every query term must match
		{q: "không có từ này", exactly: []string{}},
		{q: "minh bach xyz", exactly: []string{}},
		{q: "!!!", exactly: []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			rs, err := ix.Search(tc.q, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := urls(rs)
			if tc.top != "" && (len(got) == 0 || got[0] != tc.top) {
				t.Errorf("top = %v, want %s", got, tc.top)
			}
			last := -1
			for _, u := range tc.order {
				i := slices.Index(got, u)
				if i < 0 || i < last {
					t.Errorf("results %v: want order %v", got, tc.order)
					break
				}
				last = i
			}
			if tc.exactly != nil {
				g := slices.Sorted(slices.Values(got))
				w := slices.Sorted(slices.Values(tc.exactly))
				if !slices.Equal(g, w) {
					t.Errorf("results = %v, want %v", got, tc.exactly)
				}
			}
			for _, u := range tc.absent {
				if slices.Contains(got, u) {
					t.Errorf("results %v contain %s", got, u)
				}
			}
		})
	}
}

func TestSnippet(t *testing.T) {
	ix := mustIndex(t, fixtureDocs(), Options{BasePath: "/papi/"})
	rs, err := ix.Search("du toan", 1)
	if err != nil || len(rs) != 1 {
		t.Fatalf("Search: %v %v", rs, err)
	}
	r := rs[0]
	if r.Heading != "Công khai ngân sách xã" || !strings.HasPrefix(r.Snippet, "Mỗi năm xã niêm yết dự toán") ||
		r.Title != "Công khai, minh bạch trong ra quyết định" || r.Section != "Chỉ số PAPI" {
		t.Errorf("result = %+v", r)
	}
	// title match: link to the top of the page; the description lacks the
	// words, so the snippet is the fragment holding most of them
	rs, err = ix.Search("quyết định", 1)
	if err != nil || len(rs) != 1 {
		t.Fatalf("Search: %v %v", rs, err)
	}
	if rs[0].URL != "minh-bach/" || rs[0].Heading != "" || !strings.HasPrefix(rs[0].Snippet, "Mỗi năm xã niêm yết") {
		t.Errorf("result = %+v", rs[0])
	}
	// title match with the words in the description: the description
	rs, err = ix.Search("kiểm soát", 0)
	if err != nil || len(rs) != 2 {
		t.Fatalf("Search: %v %v", rs, err)
	}
	if rs[0].URL != "kiem-soat-tham-nhung/" || rs[0].Heading != "" || !strings.HasPrefix(rs[0].Snippet, "Chỉ số đo cảm nhận") {
		t.Errorf("result = %+v", rs[0])
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"  một  hai\n ba ", 20, "một hai ba"},
		{"một hai ba bốn", 9, "một hai…"},
		{"một hai, ba bốn", 8, "một hai…"},
		{"mộthaibabốn", 4, "mộth…"},
		{"", 5, ""},
	}
	for _, tc := range tests {
		if got := cut(tc.in, tc.n); got != tc.want {
			t.Errorf("cut(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestStoredURL(t *testing.T) {
	tests := []struct {
		u, base string
		offline bool
		want    string
	}{
		{"/papi/ve-papi/", "/papi/", false, "ve-papi/"},
		{"/papi/ve-papi/", "papi", false, "ve-papi/"},
		{"/papi/", "/papi/", false, ""},
		{"/ve-papi/", "", false, "ve-papi/"},
		{"/ve-papi/", "/", true, "ve-papi/index.html"},
		{"/papi/", "/papi/", true, "index.html"},
		{"/papi/a/b.html", "/papi/", true, "a/b.html"},
		{"/papi/a/#x", "/papi/", true, "a/index.html#x"},
		{"https://example.org/x/", "/papi/", false, "https://example.org/x/"},
	}
	for _, tc := range tests {
		if got := storedURL(tc.u, tc.base, tc.offline); got != tc.want {
			t.Errorf("storedURL(%q, %q, %v) = %q, want %q", tc.u, tc.base, tc.offline, got, tc.want)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	docs := []Doc{
		{URL: "/b/", Title: "Minh bạch", Body: "Minh bạch là minh bạch. Bạch đàn.\nKết luận\nMinh"},
		{URL: "/a/", Title: "Khác", Description: "bach", Body: "không"},
	}
	docs[0].Headings = []Heading{{"Kết luận", "ket-luan"}}
	ix := mustIndex(t, docs, Options{})
	forms, post, err := ix.Term("bach")
	if err != nil {
		t.Fatal(err)
	}
	// docs are numbered in URL order: "/a/" is 0
	if !slices.Equal(forms, []string{"bach", "bạch"}) {
		t.Errorf("forms = %v", forms)
	}
	want := []Posting{
		{Doc: 0, Field: fieldMeta, Exact: 0b01, TF: 1, Section: 0},
		// "bạch" is in more pages than its neighbours: they store the adjacencies
		{Doc: 1, Field: fieldTitle, Exact: 0b10, TF: 4, Section: 1},
	}
	if !reflect.DeepEqual(post, want) {
		t.Errorf("postings = %+v\nwant %+v", post, want)
	}
	_, post, err = ix.Term("ket")
	want = []Posting{{Doc: 1, Field: fieldHeading, Exact: 0b1, TF: 1, Section: 2}}
	if err != nil || len(post) != 1 {
		t.Fatalf("postings of ket = %+v, %v", post, err)
	}
	post[0].Adjacent = nil
	if !reflect.DeepEqual(post, want) {
		t.Errorf("postings of ket = %+v\nwant %+v", post, want)
	}
	for _, c := range []struct {
		term, print string
	}{
		{"minh", printString(nextPrint(fnv32("bach")))}, // "minh bạch"
		{"la", printString(prevPrint(fnv32("bach")))},   // "bạch là"
		{"dan", printString(prevPrint(fnv32("bach")))},  // "Bạch đàn"
	} {
		_, post, err := ix.Term(c.term)
		if err != nil || len(post) != 1 || !slices.Contains(post[0].Adjacent, c.print) {
			t.Errorf("postings of %s = %+v, %v; want adjacency %s", c.term, post, err, c.print)
		}
	}
	// "là" and "minh" are in one page each: exactly one of them stores "là minh"
	_, la, _ := ix.Term("la")
	_, minh, _ := ix.Term("minh")
	if n := len(la[0].Adjacent) + len(minh[0].Adjacent); n != 3 {
		t.Errorf("là/minh store %d adjacencies, want 3 (minh bạch, bạch là, là minh)", n)
	}
	if forms, post, err := ix.Term("khong-co"); err != nil || forms != nil || post != nil {
		t.Errorf("missing term = %v %v %v", forms, post, err)
	}
}

func TestVLQ(t *testing.T) {
	var b []byte
	nums := []uint64{0, 1, 31, 32, 33, 1023, 1024, 1 << 34, 12345678901}
	for _, n := range nums {
		b = appendVLQ(b, n)
	}
	r := vlqReader{s: string(b)}
	for _, n := range nums {
		got, err := r.next()
		if err != nil || got != n {
			t.Fatalf("next = %d, %v; want %d", got, err, n)
		}
	}
	if r.more() {
		t.Error("trailing data")
	}
	for _, bad := range []string{"g", "!", "gggggggggggggggggggggggggg"} {
		r := vlqReader{s: bad}
		if _, err := r.next(); err == nil {
			t.Errorf("next(%q): no error", bad)
		}
	}
}

func TestDeterministic(t *testing.T) {
	docs := fixtureDocs()
	a, err := Build(docs, Options{BasePath: "/papi/"})
	if err != nil {
		t.Fatal(err)
	}
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, err := Build(shuffled, Options{BasePath: "/papi/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("file counts differ: %d vs %d", len(a), len(b))
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			t.Errorf("%s differs between builds", k)
		}
	}
	for _, k := range []string{"search/manifest.json", "search/search.js", "search/docs/0.json", "search/s/0.json"} {
		if _, ok := a[k]; !ok {
			t.Errorf("missing %s", k)
		}
	}
}

// TestParallelPassMatchesSequential checks that splitting the first pass
// over cores changes nothing in the output.
func TestParallelPassMatchesSequential(t *testing.T) {
	docs := genCorpus(3*minPartDocs, 60)
	prev := runtime.GOMAXPROCS(1)
	one, err := Build(docs, Options{})
	runtime.GOMAXPROCS(3)
	three, err2 := Build(docs, Options{})
	runtime.GOMAXPROCS(prev)
	if err != nil || err2 != nil {
		t.Fatal(err, err2)
	}
	if len(one) != len(three) {
		t.Fatalf("file counts differ: %d vs %d", len(one), len(three))
	}
	for k, v := range one {
		if !bytes.Equal(v, three[k]) {
			t.Errorf("%s differs between one and three first-pass parts", k)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name string
		docs []Doc
		want string
	}{
		{"no URL", []Doc{{Title: "A"}}, "has no URL"},
		{"duplicate", []Doc{{URL: "/a/"}, {URL: "/a/"}}, "two pages have the URL /a/"},
		{"bad UTF-8", []Doc{{URL: "/a/", Body: "x\xffy"}}, "invalid UTF-8"},
	}
	for _, tc := range tests {
		_, err := Build(tc.docs, Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
		_, err = BuildOffline(tc.docs, Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s offline: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestEmptySite(t *testing.T) {
	ix := mustIndex(t, nil, Options{})
	rs, err := ix.Search("minh bạch", 0)
	if err != nil || len(rs) != 0 {
		t.Errorf("Search on empty index = %v, %v", rs, err)
	}
}

func TestOfflineMatchesOnline(t *testing.T) {
	docs := fixtureDocs()
	files, err := BuildOffline(docs, Options{BasePath: "/papi/"})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range files {
		if k != "search/search.js" && (!strings.HasPrefix(k, "search/offline/") || !strings.HasSuffix(k, ".js") ||
			!bytes.HasPrefix(v, []byte("__portalSearch(\""))) {
			t.Errorf("offline file %s: unexpected name or content %.40q", k, v)
		}
	}
	if !bytes.Contains(files["search/search.js"], []byte("offline/")) {
		t.Error("offline search.js does not load offline/ files")
	}
	off, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	on := mustIndex(t, docs, Options{BasePath: "/papi/"})
	for _, q := range []string{"minh bach", "hộ nghèo", "dong", "má"} {
		a, err1 := on.Search(q, 0)
		b, err2 := off.Search(q, 0)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if len(a) != len(b) || len(a) == 0 {
			t.Fatalf("%q: %v vs %v", q, urls(a), urls(b))
		}
		for i := range a {
			wantURL := storedURL("/papi/"+strings.TrimPrefix(a[i].URL, ""), "/papi/", true)
			if b[i].URL != wantURL || b[i].Snippet != a[i].Snippet {
				t.Errorf("%q result %d: offline %q, online %q (want %q)", q, i, b[i].URL, a[i].URL, wantURL)
			}
		}
	}
}

func TestScriptSize(t *testing.T) {
	for _, offline := range []bool{false, true} {
		js, err := Script(offline)
		if err != nil {
			t.Fatal(err)
		}
		if len(js) > 6<<10 {
			t.Errorf("search.js (offline=%v) is %d bytes minified, budget 6144", offline, len(js))
		}
		if bytes.Contains(js, []byte("innerHTML")) {
			t.Error("search.js uses innerHTML")
		}
	}
}

func TestCorruptIndex(t *testing.T) {
	files, err := Build(fixtureDocs(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	broken := map[string][]byte{}
	for k, v := range files {
		broken[k] = v
	}
	broken["search/manifest.json"] = []byte(`{"v":2}`)
	if _, err := Open(broken); err == nil {
		t.Error("Open accepted manifest version 2")
	}
	delete(broken, "search/manifest.json")
	if _, err := Open(broken); err == nil || !strings.Contains(err.Error(), "missing search/offline/manifest.js") {
		t.Errorf("Open without manifest: %v", err)
	}
	ix, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	shard := "search/" + shardPath("minh", ix.Manifest.Shards) + ".json"
	for _, bad := range []string{
		`{"k":"minh","v":"","n":"B","d":"A","m":"","t":"","s":"","f":"","h":""}`,
		`{"k":"minh","v":"","n":"B","d":"A","m":"Y","t":"A","s":"B","f":"B","h":""}`,
		`{"k":"minh x","v":"","n":"B","d":"A","m":"Y","t":"A","s":"B","f":"A","h":""}`,
		`{"k":"minh","v":"","n":"B","d":"!","m":"Y","t":"A","s":"B","f":"A","h":""}`,
		`{"k":"minh"`,
	} {
		broken[shard] = []byte(bad)
		ix.files = broken
		if _, _, err := ix.Term("minh"); err == nil {
			t.Errorf("Term accepted shard %s", bad)
		}
	}
}

func TestFastFold(t *testing.T) {
	for _, s := range []string{"Mục đích 2: để người dân cùng tham gia", "ĐỒNG Ý", "Quản trị điện tử", "Ǆ ﬁ 東京", "a\u0301b", ""} {
		if got, want := fastFold(s), textutil.Fold(s); got != want {
			t.Errorf("fastFold(%q) = %q, want %q", s, got, want)
		}
	}
	if got := headingSlug("Mục đích 2: để người dân cùng tham gia!"); got != "muc-dich-2-de-nguoi-dan-cung-tham-gia" {
		t.Errorf("headingSlug = %q", got)
	}
}

// The result links where its snippet comes from, and a term typed with
// diacritics prefers the fragment that has it as typed.
func TestSnippetFollowsTypedSpelling(t *testing.T) {
	long := strings.Repeat("Đoạn mở đầu của mục này khá dài, chưa nói tới điều cần tìm. ", 4)
	docs := []Doc{{
		URL: "/lien-he/", Title: "Liên hệ", Description: "Địa chỉ và cách gửi ý kiến.",
		Body: "Mở đầu.\n" +
			"Làm thủ tục\n" + long + "Hỏi bộ phận một cửa về tuyên bố.\n" +
			"Về cổng\n" + "Tuyên bố về khả năng tiếp cận của cổng thông tin.\n" +
			"Cán bộ\n" + "Cán bộ tiếp dân theo lịch.\n",
		Headings: []Heading{{"Làm thủ tục", "lam-thu-tuc"}, {"Về cổng", "ve-cong"}, {"Cán bộ", "can-bo"}},
	}}
	ix := mustIndex(t, docs, Options{})
	rs, err := ix.Search("tuyên bố", 1)
	if err != nil || len(rs) != 1 {
		t.Fatalf("Search: %v %v", rs, err)
	}
	if rs[0].Heading != "Về cổng" || !strings.HasSuffix(rs[0].URL, "#ve-cong") || !strings.HasPrefix(rs[0].Snippet, "Tuyên bố") {
		t.Errorf("tuyên bố: %+v; want the snippet and the link of \"Về cổng\"", rs[0])
	}
	if got := countHits("Cán bộ tiếp dân", querySet(Tokenize("tuyên bố"))); got != 2 {
		t.Errorf("countHits, folded only = %d, want 2", got)
	}
	if got := countHits("Tuyên bố", querySet(Tokenize("tuyên bố"))); got != 6 {
		t.Errorf("countHits, both as typed = %d, want 6", got)
	}
	if got := countHits("tuyen bo", querySet(Tokenize("tuyen bo"))); got != 4 {
		t.Errorf("countHits, typed without diacritics = %d, want 4", got)
	}
}
