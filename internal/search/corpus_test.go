package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"portal/internal/textutil"
)

// lexicon holds words of Vietnamese governance prose, most frequent first;
// genCorpus draws them with Zipf-like weights so syllables such as "của",
// "dân" or folded "dong" (đồng, động, đóng, đông…) are as common as in
// real pages, which is what makes postings large.
var lexicon = strings.Fields(`của và các có được trong người_dân cho là với những này không để đã theo về từ khi một
cũng đến như tại trên sẽ năm ra việc nhiều chính_quyền cấp xã tham_gia đánh_giá thủ_tục hành_chính chỉ_số
thực_hiện cán_bộ địa_phương phường tỉnh thành_phố công_khai minh_bạch dịch_vụ công kết_quả so_với điểm tăng giảm
trách_nhiệm giải_trình kiểm_soát tham_nhũng khảo_sát hoạt_động cộng_đồng quản_trị điện_tử môi_trường y_tế
giáo_dục ngân_sách đất_đai quy_hoạch kế_hoạch báo_cáo đóng_góp cải_cách phát_triển kinh_tế xã_hội lao_động
thông_tin tiếp_cận văn_bản quy_định pháp_luật chính_sách hỗ_trợ doanh_nghiệp đầu_tư nông_thôn đô_thị giao_thông
an_ninh trật_tự phản_ánh kiến_nghị giải_quyết khiếu_nại tố_cáo bầu_cử đại_biểu hội_đồng nhân_dân ủy_ban
mặt_trận tổ_quốc đoàn_thể thôn tổ_dân_phố trưởng_thôn hộ_gia_đình quốc_gia giá trị hiệu_quả chất_lượng
nâng_cao tăng_cường đồng_bộ triển_khai tuyên_truyền vận_động nhận_thức ý_kiến người_dân_đánh_giá mức
trung_bình cao thấp so_sánh các_năm trước đây hiện_nay tiếp_tục cần đề_nghị yêu_cầu bảo_đảm công_bằng
dân_chủ cơ_sở giám_sát thanh_tra kiểm_tra xử_lý vi_phạm tiêu_cực phòng_chống lãng_phí tiết_kiệm
bộ_phận một_cửa tiếp_nhận hồ_sơ trả_kết_quả trực_tuyến cổng_dịch_vụ thời_gian chi_phí không_chính_thức
đồng đông động tháng ngày tuần số_liệu biểu_đồ bảng phụ_lục mục_tiêu nhiệm_vụ giải_pháp định_hướng
tổ_chức cá_nhân cơ_quan đơn_vị sở ban_ngành huyện thị_xã vùng miền bắc nam trung_ương điều_kiện
sống nghèo thu_nhập việc_làm nhà_ở nước_sạch điện rác_thải an_toàn thực_phẩm trường_học bệnh_viện
trạm_y_tế bảo_hiểm phụ_nữ thanh_niên người_cao_tuổi trẻ_em dân_tộc thiểu_số tôn_giáo văn_hóa thể_thao
du_lịch nông_nghiệp công_nghiệp thương_mại xây_dựng sửa_chữa đường cầu chợ thủy_lợi mùa_vụ giống cây
lúa nuôi trồng thu_hoạch thị_trường giá_cả tiền đồng_ý phản_đối lắng_nghe đối_thoại họp tiếp_xúc_cử_tri`)

// tailWords are rare made-up syllable pairs: the long tail of real text.
func tailWords(r *rand.Rand, n int) []string {
	onsets := strings.Fields("b c ch d đ g gh gi h k kh l m n ng nh ph qu r s t th tr v x")
	rhymes := strings.Fields("a ai am an ang anh ao au ay e em en eo i ia im in inh iu o oa oai oan oi om on ong " +
		"u ua ui um un ung uy uyên ư ưa ưng ươi ươn ương ô ôi ôm ôn ông ơ ơi ơn ê ên ênh ă ăn ăng â ân âng")
	tones := []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
	syl := func() string {
		rh := []rune(rhymes[r.IntN(len(rhymes))])
		s := onsets[r.IntN(len(onsets))] + string(rh[0]) + tones[r.IntN(len(tones))] + string(rh[1:])
		return norm.NFC.String(s)
	}
	out := make([]string, n)
	for i := range out {
		out[i] = syl()
		if r.IntN(2) == 0 {
			out[i] += " " + syl()
		}
	}
	return out
}

// genCorpus makes n pages of about words syllables each, deterministically.
func genCorpus(n, words int) []Doc {
	r := rand.New(rand.NewPCG(42, uint64(n)))
	lex := make([]string, len(lexicon))
	cum := make([]float64, len(lexicon))
	total := 0.0
	for i, w := range lexicon {
		lex[i] = strings.ReplaceAll(w, "_", " ")
		total += 1 / float64(i+3)
		cum[i] = total
	}
	tail := tailWords(r, 6000)
	word := func() string {
		if r.IntN(100) < 12 {
			return tail[r.IntN(len(tail))]
		}
		x := r.Float64() * total
		lo, hi := 0, len(cum)-1
		for lo < hi {
			m := (lo + hi) / 2
			if cum[m] < x {
				lo = m + 1
			} else {
				hi = m
			}
		}
		return lex[lo]
	}
	phrase := func(k int) (string, int) {
		ws := make([]string, k)
		syl := 0
		for i := range ws {
			ws[i] = word()
			syl += strings.Count(ws[i], " ") + 1
		}
		s := strings.Join(ws, " ")
		first, size := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(first)) + s[size:], syl
	}
	docs := make([]Doc, n)
	for i := range docs {
		title, _ := phrase(4 + r.IntN(5))
		desc, _ := phrase(12 + r.IntN(10))
		var body strings.Builder
		var heads []Heading
		count, sinceHead := 0, 0
		for count < words {
			if sinceHead > 100+r.IntN(80) {
				h, syl := phrase(3 + r.IntN(4))
				id := fmt.Sprintf("%s-%d", textutil.Slugify(h), len(heads))
				heads = append(heads, Heading{Text: h, ID: id})
				body.WriteString("\n" + h + "\n")
				count += syl
				sinceHead = 0
			}
			s, syl := phrase(6 + r.IntN(10))
			body.WriteString(s)
			body.WriteString([]string{". ", ". ", ", ", "; "}[r.IntN(4)])
			count += syl
			sinceHead += syl
		}
		section := []string{"Tin tức", "Văn bản", "Chỉ số PAPI", "Thủ tục", "Hỏi đáp"}[i%5]
		docs[i] = Doc{
			URL:   fmt.Sprintf("/%s/trang-%05d/", textutil.Slugify(section), i),
			Title: title, Section: section, Description: desc + ".",
			Body: body.String(), Headings: heads,
			Tags: []string{strings.ToLower(lex[r.IntN(60)])},
		}
	}
	return docs
}

// typicalQueries are what people search a PAPI portal for, typed without
// diacritics as most do on a phone.
var typicalQueries = []string{"minh bach", "thu tuc hanh chinh", "dong gop", "tham gia", "kiem soat tham nhung"}
