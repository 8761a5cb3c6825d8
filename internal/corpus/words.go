package corpus

// The vocabulary is real Vietnamese (NFC, precomposed), themed on local
// public administration so the text reads like the portal's real pages.
// Slices, not maps: their order is part of the deterministic output.

var sectionTitles = [NumSections]string{
	"Tin tức",
	"Thông báo",
	"Cải cách hành chính",
	"Dịch vụ công",
	"Y tế",
	"Giáo dục",
	"Môi trường",
	"Đất đai",
	"Giao thông",
	"Văn hóa",
	"Xã hội",
	"Kinh tế",
	"Nông nghiệp",
	"An ninh trật tự",
	"Chuyển đổi số",
	"Tài chính công",
	"Tham gia của người dân",
	"Công khai minh bạch",
	"Trách nhiệm giải trình",
	"Kiểm soát tham nhũng",
}

var tagNames = []string{
	"cải cách hành chính", "minh bạch", "trách nhiệm giải trình", "tham nhũng",
	"dịch vụ công", "một cửa", "chuyển đổi số", "y tế", "giáo dục", "môi trường",
	"nước sạch", "rác thải", "đất đai", "quy hoạch", "giao thông", "an ninh",
	"trật tự đô thị", "ngân sách", "thuế", "doanh nghiệp", "nông nghiệp", "văn hóa",
	"du lịch", "lao động", "việc làm", "bảo hiểm xã hội", "người cao tuổi", "trẻ em",
	"phụ nữ", "thanh niên", "khảo sát", "chỉ số PAPI", "hội đồng nhân dân", "cử tri",
	"tiếp công dân", "khiếu nại", "tố cáo", "phòng cháy", "thiên tai", "xây dựng",
	"nhà ở", "điện", "internet", "cổng thông tin", "thủ tục", "hộ tịch", "chứng thực",
	"bình đẳng giới", "khu dân cư", "kế hoạch",
}

var headingTexts = []string{
	"Mục đích", "Yêu cầu", "Bối cảnh", "Kết quả chính", "Phương pháp khảo sát",
	"Những điểm mới", "Hạn chế còn tồn tại", "Nguyên nhân", "Giải pháp đề xuất",
	"Kế hoạch thực hiện", "Tổ chức thực hiện", "Kinh phí", "Ý kiến người dân",
	"Số liệu so sánh", "Đánh giá chung", "Bài học kinh nghiệm", "Kiến nghị",
	"Thời gian thực hiện", "Phân công nhiệm vụ", "Theo dõi và báo cáo",
	"Câu hỏi thường gặp", "Thông tin liên hệ", "Căn cứ pháp lý", "Đối tượng áp dụng",
	"Phạm vi điều chỉnh", "Quy trình tiếp nhận", "Thành phần hồ sơ",
	"Thời hạn giải quyết", "Phí và lệ phí", "Kết luận",
}

var nouns = []string{
	"người dân", "chính quyền", "ủy ban nhân dân", "cán bộ", "công chức",
	"thủ tục hành chính", "dịch vụ công", "hồ sơ", "văn bản", "kế hoạch", "chỉ số",
	"điểm số", "kết quả", "khảo sát", "ý kiến", "phản ánh", "kiến nghị", "trách nhiệm",
	"sự tham gia", "tính minh bạch", "trách nhiệm giải trình", "môi trường", "nước sạch",
	"giáo dục", "y tế", "bệnh viện", "trường học", "con đường", "ngân sách", "nguồn lực",
	"đất đai", "quy hoạch", "giấy chứng nhận", "bộ phận một cửa", "cổng thông tin",
	"chính phủ điện tử", "chuyển đổi số", "doanh nghiệp", "hộ gia đình", "phụ nữ",
	"thanh niên", "người cao tuổi", "học sinh", "giáo viên", "bác sĩ", "an ninh",
	"trật tự", "giao thông", "rác thải", "chất lượng", "năng lực", "quy trình",
	"nhiệm vụ", "giải pháp", "mục tiêu", "tiêu chí", "thông tin", "dữ liệu", "báo cáo",
	"hội nghị", "cuộc họp", "đoàn thể", "mặt trận", "đại biểu", "cử tri", "khu dân cư",
	"công trình", "dự án", "lệ phí", "biểu mẫu", "quyền lợi", "nghĩa vụ", "trạm y tế",
	"nhà văn hóa", "chợ dân sinh", "hệ thống thoát nước", "đèn chiếu sáng", "sân chơi",
}

var verbs = []string{
	"nâng cao", "cải thiện", "thực hiện", "triển khai", "tăng cường", "đánh giá",
	"theo dõi", "công khai", "tiếp nhận", "giải quyết", "hướng dẫn", "hỗ trợ",
	"phối hợp", "rà soát", "đơn giản hóa", "đẩy mạnh", "bảo đảm", "xây dựng",
	"phát huy", "lắng nghe", "tổng hợp", "kiểm tra", "giám sát", "đôn đốc",
	"chấn chỉnh", "khắc phục", "duy trì", "mở rộng", "ứng dụng", "cung cấp",
	"tuyên truyền", "phổ biến", "đo lường", "so sánh", "phân tích",
}

var adjectives = []string{
	"hiệu quả", "minh bạch", "kịp thời", "đầy đủ", "chính xác", "thuận tiện",
	"nhanh chóng", "rõ ràng", "công bằng", "bền vững", "thiết thực", "đồng bộ",
	"chặt chẽ", "cụ thể", "thường xuyên", "nghiêm túc", "tích cực", "chủ động",
	"cần thiết", "khách quan",
}

var subjects = []string{
	"người dân", "chính quyền thành phố", "Ủy ban nhân dân phường", "các sở, ngành",
	"cán bộ một cửa", "doanh nghiệp", "Hội đồng nhân dân", "các đoàn thể",
	"chúng tôi", "nhóm nghiên cứu", "lãnh đạo thành phố", "Mặt trận Tổ quốc",
	"các hộ gia đình", "đại biểu dân cử",
}

var places = []string{
	"Hưng Yên", "Văn Lâm", "Mỹ Hào", "Văn Giang", "Khoái Châu", "Kim Động", "Ân Thi",
	"Tiên Lữ", "Phù Cừ", "Yên Mỹ", "phường Hiến Nam", "phường Lam Sơn", "xã Bảo Khê",
	"xã Trung Nghĩa", "phường An Tảo", "xã Hồng Nam",
}

var adverbials = []string{
	"trong năm qua", "trên địa bàn", "ở cấp xã", "theo kết quả khảo sát",
	"trong thời gian tới", "từ năm 2021", "so với năm trước", "tại bộ phận một cửa",
	"qua cổng dịch vụ công", "trong giai đoạn 2021–2025", "ở nhiều địa phương",
	"theo quy định", "một cách đồng bộ", "ngay từ đầu năm", "trong quý vừa qua",
}

var quoteSources = []string{
	"một người dân ở phường Lam Sơn", "một cán bộ bộ phận một cửa",
	"đại diện Ủy ban nhân dân xã", "một giáo viên về hưu", "một chủ doanh nghiệp nhỏ",
	"đại biểu Hội đồng nhân dân thành phố",
}
