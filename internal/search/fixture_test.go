package search

// fixtureDocs is a small portal-like corpus: each page exists to make one
// ranking rule observable (see TestQueries).
func fixtureDocs() []Doc {
	return []Doc{
		{
			URL: "/papi/minh-bach/", Title: "Công khai, minh bạch trong ra quyết định", Section: "Chỉ số PAPI",
			Description: "Người dân được biết về chính sách và ngân sách của địa phương.",
			Body: "Minh bạch là điều kiện để người dân giám sát chính quyền. " +
				"Công khai ngân sách xã\n" +
				"Mỗi năm xã niêm yết dự toán và quyết toán ngân sách tại trụ sở. Người dân được xem và hỏi lại cán bộ.\n" +
				"Danh sách hộ nghèo\n" +
				"Danh sách hộ nghèo được công khai minh bạch tại nhà văn hoá thôn.",
			Headings: []Heading{{"Công khai ngân sách xã", "cong-khai-ngan-sach-xa"}, {"Danh sách hộ nghèo", "danh-sach-ho-ngheo"}},
			Tags:     []string{"minh bạch", "công khai"},
		},
		{
			URL: "/papi/tin-tuc/bach-khoa/", Title: "Thư viện mở cửa buổi tối", Section: "Tin tức",
			Body: "Anh Minh, sinh viên bách khoa, thường đến thư viện. Chị Bạch đọc sách cùng con. " +
				"Anh Minh nói thư viện yên tĩnh. Cô Bách nhắc mọi người giữ trật tự.",
		},
		{
			URL: "/papi/tin-tuc/dong-gop/", Title: "Người dân đóng góp xây cầu", Section: "Tin tức",
			Body: "Mỗi hộ đóng góp 200.000 đồng để xây cầu mới qua sông. Cả thôn đồng lòng ủng hộ.",
		},
		{
			URL: "/papi/tin-tuc/mua-dong/", Title: "Chuẩn bị cho mùa đông", Section: "Tin tức",
			Body: "Trời chuyển lạnh, xã phát chăn ấm cho các cụ già ở phía đông thôn.",
		},
		{
			URL: "/papi/tin-tuc/ngay-cua-me/", Title: "Câu chuyện gia đình", Section: "Tin tức",
			Body: "Má tôi dậy sớm nấu cơm. Tôi thương má nhiều lắm.",
		},
		{
			URL: "/papi/tin-tuc/truyen-ma/", Title: "Đêm hội trăng rằm", Section: "Tin tức",
			Body: "Các em nhỏ kể chuyện ma dưới gốc đa, người lớn ngồi nghe mà cười vui.",
		},
		{
			URL: "/papi/thu-tuc/cai-cach/", Title: "Cải cách thủ tục", Section: "Thủ tục",
			Body: "Thành phố đẩy mạnh cải cách hành chính. Một cửa liên thông giúp người dân làm thủ tục nhanh hơn.",
		},
		{
			URL: "/papi/thu-tuc/tong-hop/", Title: "Tổng hợp ý kiến", Section: "Thủ tục",
			Body: "Nhiều hành động thiết thực của chính quyền. Chính quyền lắng nghe, hành động kịp thời; chính sách rõ ràng, " +
				"hành động nhất quán, chính quyền gần dân.",
		},
		{
			URL: "/papi/kiem-soat-tham-nhung/", Title: "Kiểm soát tham nhũng", Section: "Chỉ số PAPI",
			Body: "Chỉ số đo cảm nhận của người dân về các biện pháp phòng chống tiêu cực trong khu vực công.",
		},
		{
			URL: "/papi/tin-tuc/hoi-nghi/", Title: "Hội nghị tổng kết năm", Section: "Tin tức",
			Body: "Hội nghị bàn nhiều nội dung, trong đó có kiểm soát tham nhũng ở cấp xã và tuyển dụng cán bộ.",
		},
		{
			URL: "/papi/tin-tuc/thuc-pham/", Title: "An toàn thực phẩm", Section: "Tin tức",
			Body: "Đoàn kiểm tra thực phẩm tại chợ, nhắc người bán giữ vệ sinh.",
		},
		{
			URL: "/papi/tin-tuc/mua-thu/", Title: "Lễ hội mùa thu", Section: "Tin tức",
			Body: "Mùa thu năm nay xã tổ chức lễ hội cho thiếu nhi.",
		},
	}
}
