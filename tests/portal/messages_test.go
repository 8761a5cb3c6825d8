package portal_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/build"
	"portal/internal/diag"
	"portal/internal/testkit"
)

// The editors' typical mistakes in a page of the portal, through the
// portal's own layouts and data: each is one line naming the page's file
// and the line of the call, the shortcode, the bad value, the choices and
// the one probably meant, in Vietnamese, with nothing of the template
// engine ("executing", "error calling", <errorf …>, layout names).
func TestEditorMessages(t *testing.T) {
	const file = "content/hoi-dap/thu-loi.md"
	src := testkit.Portal(t)
	testkit.WriteFile(t, src, file, `---
title: "Thử lỗi"
description: "Trang thử các lỗi thường gặp."
---
Gọi {{< lienhe field="dienthoai" >}} hoặc {{< lienhe "fax" >}}.

Theo {{< vanban so="19/KH-UBN" >}}.

{{< chart type="bar" data="hung-yen-papi-scores" row="year=2024" columns="d1_participaton|d2_transparency" title="Điểm" >}}

{{< chart type="line" data="hung-yen-papi-score" x="year" y="total" title="Tổng điểm" >}}

{{< lienh field="email" >}}

{{< callout type="danger" >}}
Chú ý.
{{< /callout >}}

Xem [kết quả](/ket-qua/tong-diem-2018-2023/), [trang](../ket-qua/tong-diem-2018-2023.md) và [trang khác](/hoan-toan-khac/).
`)
	_, err := build.Build(build.Options{Source: src, Dest: filepath.Join(t.TempDir(), "public")})
	var failed *build.Failed
	if !errors.As(err, &failed) {
		t.Fatalf("build error is not a list of problems: %v", err)
	}
	var got []string
	for _, p := range failed.Problems {
		if p.Level == diag.Error {
			got = append(got, p.Error())
		}
	}
	const cols = "year, d1_participation, d2_transparency, d3_accountability, d4_corruption_control, d5_admin_procedures, d6_public_services, d7_environment, d8_e_governance, total, rank_derived, provinces_ranked, note"
	want := []string{
		file + `:5: mã ngắn "lienhe": trường "dienthoai" không có trong data/lien-he.yaml (unknown field); có phải ý bạn là "dien_thoai"? Các trường có: co_quan, dia_chi, dien_thoai, email`,
		file + `:5: mã ngắn "lienhe": trường "fax" không có trong data/lien-he.yaml (unknown field); các trường có: co_quan, dia_chi, dien_thoai, email`,
		file + `:7: mã ngắn "vanban": không có văn bản nào trong mục van-ban có số hiệu (so_hieu) "19/KH-UBN" (unknown document); có phải ý bạn là "19/KH-UBND"? Các số hiệu có: 06/CT-CTUBND, 10/2022/QH15, 19/KH-UBND, 20/2008/NĐ-CP, 202/2025/QH15, 42/2013/QH13`,
		file + `:9: mã ngắn "chart": tham số columns: cột "d1_participaton" không có trong tệp dữ liệu "hung-yen-papi-scores" (unknown column); có phải ý bạn là "d1_participation"? Các cột có: ` + cols,
		file + `:11: mã ngắn "chart": tham số data: không có tệp dữ liệu data/hung-yen-papi-score.csv (unknown data file); có phải ý bạn là "hung-yen-papi-scores"? Các tệp dữ liệu có: hung-yen-papi-scores, national-papi-summary`,
		file + `:13: mã ngắn "lienh" không tồn tại: không có tệp layouts/shortcodes/lienh.html (unknown shortcode); có phải ý bạn là "lienhe"? Các mã ngắn có: callout, chart, lang, lienhe, steps, vanban`,
		file + `:15: mã ngắn "callout": kiểu (type) "danger" không hợp lệ; các kiểu có: info, note, warning`,
		file + `:19: liên kết tới "../ket-qua/tong-diem-2018-2023.md": không tìm thấy trang content/ket-qua/tong-diem-2018-2023.md (có thể tệp đã đổi tên hoặc bị xoá) (broken link); có phải ý bạn là "../ket-qua/tong-diem-2018-2024.md"?`,
		file + `:19: liên kết tới "/hoan-toan-khac/": không có trang hay tệp nào ở địa chỉ này (broken link)`,
		file + `:19: liên kết tới "/ket-qua/tong-diem-2018-2023/": không có trang hay tệp nào ở địa chỉ này (broken link); có phải ý bạn là "/ket-qua/tong-diem-2018-2024/"?`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, g := range got {
		for _, internal := range []string{"executing", "error calling", "<", "template:"} {
			if strings.Contains(g, internal) {
				t.Errorf("%q in %s", internal, g)
			}
		}
		if strings.Contains(g, "\n") {
			t.Errorf("message of more than one line: %q", g)
		}
	}
}
