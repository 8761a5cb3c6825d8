package testkit

// OldDecree is a document of the van-ban section marked no longer in force
// and replaced by a page of the portal, written into a copy of the portal
// for the test only: no page of the portal is marked, as no source says a
// document it presents was repealed.
const OldDecree = `---
title: "Nghị định thử nghiệm đã hết hiệu lực"
description: "Một văn bản cũ về tiếp nhận phản ánh, kiến nghị."
date: 2000-01-01
weight: 99
tags: ["văn bản"]
so_hieu: "01/2000/NĐ-CP"
loai: "Nghị định"
co_quan: "Chính phủ"
ngay_ban_hanh: 2000-01-01
status: het-hieu-luc
ngay_het_hieu_luc: 2025-07-01
thay_the_boi: nghi-dinh-20-2008-nd-cp.md
---
## Nội dung

Phản ánh, kiến nghị về quy định hành chính theo văn bản cũ.
`

// OldDecreeFile is where OldDecree goes in a copy of the portal (Portal);
// it is published at /van-ban/nghi-dinh-cu/.
const OldDecreeFile = "content/van-ban/nghi-dinh-cu.md"
