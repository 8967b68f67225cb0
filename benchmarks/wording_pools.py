"""Pools of reason, request-type and status wordings as buyers, sellers and marketplaces write them.

English, Indonesian and Vietnamese; casual and formal; typos, missing diacritics and marketplace codes.
Every pool is split in two by `halves` (a stable hash of the wording): the wording rules in `data/rules/`
are tuned on the first half only, and accuracy is reported on the second half, which no rule was written
from. Do not move wordings between halves or edit held-out wordings after seeing results.

`REASONS`: reason tag (data.schema.REASONS) -> wordings. `REQUEST_TYPES`: request type -> wordings.
`STATUSES`: status -> wordings. `COURIER`: wordings that mean the parcel never reached the buyer (a
courier return, RTO), in whichever column they appear.
"""

from __future__ import annotations

import hashlib
from typing import TypeVar

REASONS: dict[str, list[str]] = {
    "Damaged packaging": [
        "Box was crushed", "Package arrived damaged", "Outer box torn", "packaging damaged", "The parcel was dented",
        "box smashed in transit", "Packaging ripped open", "Shipping box wet and broken", "Seal on the package broken",
        "crushed packaging", "packing was damaged but item ok", "Damaged box", "pakaging damaged", "Parcel torn open",
        "carton damaged", "Product box dented", "Retail box damaged, cannot gift it", "Packaging was dirty and wet",
        "Kardus penyok", "Kemasan rusak", "Paket sobek", "Dus hancur", "Packing rusak", "kemasan penyok pas sampai",
        "Bungkus robek", "kotak rusak", "Paketnya basah dan rusak", "Kardusnya remuk", "segel kemasan rusak",
        "Packingan jelek, dusnya sobek", "Kemasan tidak rapi dan sobek", "Bubble wrap kurang, dus penyok",
        "Hộp bị móp", "Bao bì bị rách", "Hộp bị bẹp", "Gói hàng bị rách", "Thùng hàng bị ướt", "Bao bi rach",
        "hop mop", "Vỏ hộp bị hư", "Đóng gói kém, hộp bị vỡ", "Hộp móp méo", "Bao bì hư hỏng",
        "Kiện hàng bị bóp méo", "Thùng carton bị rách", "Đóng gói sơ sài, hộp rách",
    ],
    "Damaged item": [
        "Arrived broken", "Item damaged", "Screen cracked", "Glass shattered", "Scratched on arrival",
        "Product came damaged", "Broken in shipping", "dent on the side of the kettle", "The mug was chipped",
        "CUSTOMER_DAMAGED", "DAMAGED_BY_CARRIER", "DAMAGED_BY_FC", "Torn fabric", "Stained shirt",
        "Item arrived smashed", "leg of the chair snapped", "Bottle leaking", "Dirty and scratched",
        "broke during delivery", "damged item", "The lid is cracked", "Item broken into pieces",
        "Barang rusak", "Barang pecah", "Layar retak", "Produk lecet", "Baju sobek", "Barangnya patah",
        "Botol bocor", "Ada noda di baju", "kaca pecah pas sampai", "Barang datang dlm keadaan rusak",
        "Gelasnya retak", "rusak parah", "Produk kotor dan tergores", "Barang penyok", "brg rusak",
        "Hàng bị vỡ", "Sản phẩm bị hư", "Màn hình bị nứt", "Bị trầy xước", "Áo bị rách", "Hang bi vo",
        "Chai bị rò rỉ", "Sản phẩm bị móp", "Ly bị mẻ", "Hàng bị bể", "Bị dơ, có vết bẩn", "Mặt kính bị nứt vỡ",
        "sp bi hu hong",
    ],
    "Defective": [
        "Won't charge", "Doesn't turn on", "Not working", "Stopped working after 2 days", "DEFECTIVE",
        "Battery drains fast", "Faulty unit", "Dead on arrival", "Does not power on", "No sound from left earbud",
        "Bluetooth won't pair", "Screen flickers", "Malfunctioning", "The zipper doesn't work",
        "Cant connect to wifi", "keeps restarting", "WARRANTY", "Defective product", "Motor grinds and stops",
        "wont turn on", "buttons not responding", "Charger not charging", "overheats when charging",
        "Tidak bisa menyala", "Gak nyala", "Pin cepat habis", "Mati total", "Tidak berfungsi", "Barang cacat",
        "Error terus", "Ga bisa dicas", "Tombol tidak berfungsi", "Suara tidak keluar", "Baterai cepat drop",
        "Nggak bisa connect bluetooth", "Produk cacat pabrik", "Kipas tidak mau berputar", "Lampunya kedip2",
        "Không lên nguồn", "Không sạc được", "Sản phẩm bị lỗi", "Máy không hoạt động", "Ko sạc dc", "Hàng lỗi",
        "Pin mau hết", "Tai nghe không có tiếng", "Bị lỗi kỹ thuật", "Khong hoat dong", "Máy tự tắt liên tục",
        "Không kết nối được bluetooth", "Quạt không quay",
    ],
    "Wrong item": [
        "Received the wrong item", "Wrong color sent", "Sent me a different product", "SWITCHEROO",
        "Not what I ordered", "Got blue instead of red", "Wrong model delivered",
        "Item received is different from what I ordered", "Incorrect item", "Wrong size was sent",
        "They shipped someone else's order", "wrong product in the box", "Received a case for iPhone 12 instead of 13",
        "wrong varient", "Seller sent the wrong flavour", "WRONG_ITEM", "Different item in package",
        "Barang salah kirim", "Salah warna", "Warna yang dikirim beda", "Dikirim barang lain",
        "Bukan barang yang saya pesan", "Salah varian", "Salah ukuran yang dikirim", "Produk tertukar",
        "Yang datang beda dengan pesanan", "Salah kirim model", "Pesanan salah", "Kirim salah item",
        "barang yg dtg bukan pesanan sy", "Dapat warna hitam padahal pesan putih",
        "Giao sai hàng", "Giao sai màu", "Sai mẫu", "Nhận được sản phẩm khác", "Giao nhầm sản phẩm",
        "Không đúng hàng đã đặt", "Gửi sai size", "Sai phân loại", "Giao nham mau", "Hàng giao không đúng đơn",
        "Đặt đỏ giao xanh", "Shop gửi nhầm hàng",
    ],
    "Missing item": [
        "Missing parts", "MISSING_PARTS", "Only received 1 of 2", "Box was empty", "Charger not included",
        "Item missing from package", "Incomplete order", "Part of the set missing", "Screws not in the box",
        "Accessories missing", "Received empty parcel", "one item short", "Missing the remote",
        "no manual and no cable", "Only one shoe in the box", "Quantity less than ordered",
        "Barang kurang", "Isi paket tidak lengkap", "Paket kosong", "Kurang 1 pcs", "Aksesoris tidak ada",
        "Charger tidak ada di dalam", "Barang hilang sebagian", "Jumlah tidak sesuai pesanan",
        "Hanya dapat 2 dari 3", "Baut tidak ada", "Pesanan kurang", "isi tdk lengkap", "Bonus tidak dikirim",
        "Thiếu hàng", "Thiếu phụ kiện", "Giao thiếu sản phẩm", "Hộp rỗng", "Không có sạc đi kèm", "Thieu hang",
        "Nhận thiếu 1 món", "Thiếu ốc vít", "Không đủ số lượng", "Mất một phần sản phẩm", "Thiếu quà tặng",
        "Đặt 3 nhận 2", "Thiếu dây cáp",
    ],
    "Wrong size or fit": [
        "Sizing runs large", "Too small", "APPAREL_TOO_SMALL", "APPAREL_TOO_LARGE", "AMZ-PG-APP-TOO-SMALL",
        "SIZE_TOO_LARGE", "Doesn't fit", "Fits too tight", "Runs small, order a size up", "Too big in the waist",
        "Length too short", "Sleeves too long", "wrong size for me", "size chart is off", "Tight around the shoulders",
        "Didn't fit my feet", "shoes are half a size small", "too loose", "SIZE_TOO_SMALL", "Size M is like an S",
        "Ukuran kekecilan", "Kebesaran", "Sempit banget", "Ukurannya tidak pas", "Size tidak sesuai",
        "Kekecilan 1 size", "Celana kepanjangan", "Longgar di pinggang", "Sepatu kesempitan", "Gak muat",
        "Ukuran terlalu besar", "size chart tidak akurat", "kebesaran bgt", "Ukuran L kayak M",
        "Quần bị rộng", "Áo bị chật", "Size nhỏ quá", "Không vừa", "Rộng quá", "Cỡ quá to", "Giày bị chật",
        "Mặc không vừa size", "Áo hơi rộng", "Kich thuoc khong vua", "Quần dài quá", "Bảng size không chuẩn",
        "Đi giày bị bó chân", "size ko vừa",
    ],
    "Not as described": [
        "Not as described", "NOT_AS_DESCRIBED", "AMZ-PG-BAD-DESC", "Looks different from the photos",
        "Colour not like the picture", "Item does not match description", "Misleading listing", "Not as pictured",
        "Material is different from what was listed", "Description says cotton but it's polyester",
        "Specs don't match the listing", "Product differs from the website", "Not as advertised",
        "Picture shows 2 pieces, only 1 in the listing", "Item not the same as the photo",
        "Tidak sesuai deskripsi", "Beda dengan gambar", "Warna tidak sesuai foto", "Barang tidak sesuai iklan",
        "Gak sesuai foto", "Tidak seperti di gambar", "Spesifikasi berbeda", "Bahan tidak sesuai deskripsi",
        "Barang beda dari yang di foto", "Tdk sesuai deskripsi", "Produk tidak sama dengan di foto",
        "Ga sama kayak di gambar", "Deskripsi menyesatkan",
        "Không giống hình", "Không đúng mô tả", "Khác với hình ảnh", "Màu khác ảnh", "Hàng không giống quảng cáo",
        "Sai mô tả", "Khong giong hinh", "Chất liệu không như mô tả", "Thông số không đúng như đăng",
        "Hàng khác xa hình", "Ko giống ảnh shop đăng", "Khác mô tả sản phẩm",
    ],
    "Quality": [
        "QUALITY_UNACCEPTABLE", "Poor quality", "Cheap material", "Feels flimsy", "Low quality stitching",
        "Seams coming apart", "Fabric pilling after one wash", "Colour faded after wash", "Thin fabric",
        "The print peeled off", "Not worth the price", "bad quality", "Looks cheap", "Loose threads everywhere",
        "Quality not good", "Stitching came undone", "Poorly made",
        "Jahitan lepas", "Kualitas jelek", "Bahan tipis", "Bahannya murahan", "Luntur setelah dicuci",
        "Jahitannya berantakan", "Kualitas buruk", "Kainnya kasar", "Sablon mengelupas", "Bahan gatal",
        "Kualitas tidak sesuai harga", "kualitas kurang bagus", "Bahan panas dan tipis", "Jahitan tidak rapi",
        "Chất lượng kém", "Vải mỏng", "Đường may lỗi", "Hàng kém chất lượng", "Vải xấu", "Chat luong te",
        "Bị phai màu sau khi giặt", "Chỉ may bị bung", "Vải bị xù lông", "Hàng dỏm", "Chất vải không tốt",
        "Chất lượng không tương xứng giá tiền", "Đường chỉ may ẩu",
    ],
    "Late or not delivered": [
        "Arrived too late", "Never arrived", "NEVER_ARRIVED", "MISSED_ESTIMATED_DELIVERY", "Package not received",
        "Delivery took 3 weeks", "Still waiting for my order", "Tracking shows delivered but nothing came",
        "Late delivery", "Didn't receive the item", "Order never came", "Lost in transit", "Shipping delayed",
        "Item did not arrive on time", "Parcel not delivered yet",
        "Paket belum sampai", "Barang tidak sampai", "Pengiriman terlambat", "Telat datang", "Pesanan belum diterima",
        "Kurir lama banget", "Paket hilang di jalan", "Status terkirim tapi paket tidak ada", "Pengiriman lama",
        "Belum nerima barang", "Barang blm dtg", "Pesanan tak kunjung datang",
        "Giao hàng chậm", "Chưa nhận được hàng", "Giao trễ", "Không nhận được hàng", "Hàng chưa tới", "Giao quá lâu",
        "Đơn hàng bị thất lạc", "Chua nhan duoc hang", "Shipper không giao", "Đợi mãi không thấy hàng",
        "Giao hàng quá chậm so với dự kiến", "Hàng về muộn", "Mất hàng trong lúc vận chuyển",
    ],
    "Changed mind": [
        "Changed my mind", "UNWANTED_ITEM", "CR-UNWANTED_ITEM", "No longer needed", "Ordered by mistake",
        "MISORDERED", "ORDERED_WRONG_ITEM", "FOUND_BETTER_PRICE", "Found it cheaper elsewhere",
        "Don't like the colour", "DID_NOT_LIKE_COLOR", "APPAREL_STYLE", "Bought the wrong one",
        "Gift not needed anymore", "works fine but changed my mind", "Didn't like it", "UNAUTHORIZED_PURCHASE",
        "Kid ordered without permission", "Duplicate order", "UNWANTED", "Customer changed their mind",
        "Berubah pikiran", "Tidak jadi beli", "Salah pesan", "Gak jadi", "Sudah tidak butuh",
        "Nemu yang lebih murah", "Kurang suka warnanya", "Ga suka modelnya", "Salah checkout", "Pesanan dobel",
        "Iseng pesan", "Ganti pikiran, mau cari yang lain", "Ngga perlu lagi",
        "Đổi ý", "Không cần nữa", "Đặt nhầm", "Không thích màu", "Không muốn mua nữa", "Tìm được chỗ rẻ hơn",
        "Doi y khong mua nua", "Đặt trùng đơn", "Không thích kiểu dáng", "Mua nhầm", "Hết nhu cầu",
    ],
    "Other": [
        "Other", "NO_REASON_GIVEN", "UNKNOWN_OTHER_REASON", "Others", "See comments", "Personal reasons",
        "misc", "Buyer did not specify", "No reason", "OTHER", "UNKNOWN",
        "Lainnya", "Alasan lain", "Lain-lain", "Tidak ada alasan", "Lihat catatan", "Alasan pribadi",
        "Khác", "Lý do khác", "Không có lý do", "Lý do cá nhân", "Xem ghi chú",
    ],
}

REQUEST_TYPES: dict[str, list[str]] = {
    "Refund Only": [
        "Refund only", "Refund, no return", "REFUND", "Refund without return", "Keep the item, refund me",
        "Money back only", "Returnless refund", "Partial refund", "RefundWithoutReturn", "Refund (no return needed)",
        "Pengembalian dana saja", "Refund dana saja", "Hanya refund", "Refund tanpa retur", "Dana kembali saja",
        "Pengembalian Dana", "Refund aja", "Chỉ hoàn tiền", "Hoàn tiền", "Hoàn tiền không trả hàng",
        "Chi hoan tien", "Hoàn tiền một phần", "Chỉ hoàn tiền (không cần trả hàng)",
    ],
    "Return + Refund": [
        "Return and refund", "RETURN_AND_REFUND", "Return & Refund", "Return/Refund", "StandardRefund",
        "Return for refund", "Customer return", "Return", "Return item for a refund", "Return + Refund",
        "Send back for money back", "Refund after return", "Pengembalian barang dan dana", "Retur & refund",
        "Retur barang", "Kembalikan barang dan dana", "Retur + refund dana", "Return barang & refund",
        "Trả hàng hoàn tiền", "Trả hàng/Hoàn tiền", "Tra hang hoan tien", "Trả hàng", "Hoàn tiền sau khi trả hàng",
        "Trả lại hàng và hoàn tiền",
    ],
    "Reshipment": [
        "Reship", "Send a new one", "Replacement", "Resend item", "Send again", "Ship a replacement",
        "Re-delivery", "New unit sent", "Replace item", "Send the missing part", "Kirim ulang", "Pengiriman ulang",
        "Kirim barang baru", "Ganti barang baru", "Dikirim ulang", "Minta kirim ulang", "Gửi lại", "Giao lại",
        "Gửi hàng mới", "Gui lai hang", "Giao lại sản phẩm mới", "Gửi bù hàng thiếu",
    ],
    "Exchange": [
        "Exchange", "Swap for another size", "Size exchange", "Exchange for a different colour",
        "Change size", "Exchange item", "Swap colour", "Change to another model", "Tukar ukuran", "Tukar barang",
        "Penukaran", "Tukar warna", "Tukar size", "Tuker model lain", "Đổi hàng", "Đổi size", "Đổi màu",
        "Đổi sang mẫu khác", "Doi hang", "Đổi sản phẩm khác", "Đổi cỡ",
    ],
}

STATUSES: dict[str, list[str]] = {
    "requested": [
        "Requested", "Pending", "New", "Open", "Awaiting seller response", "REQUESTED",
        "RETURN_OR_REFUND_REQUEST_PENDING", "Waiting for review", "Submitted", "Request received",
        "Menunggu respon penjual", "Diajukan", "Baru", "Menunggu konfirmasi", "Perlu ditinjau",
        "Chờ xử lý", "Chờ duyệt", "Mới", "Đang chờ người bán phản hồi", "Cho xu ly", "Yêu cầu mới",
    ],
    "approved": [
        "Approved", "Accepted", "ACCEPTED", "AWAITING_BUYER_SHIP", "BUYER_SHIPPED_ITEM", "In transit back",
        "Processing", "Return authorized", "Authorised", "Label sent", "Disetujui", "Diterima penjual (menunggu barang)",
        "Sedang diproses", "Dalam pengiriman balik", "Pengembalian disetujui", "Đã duyệt", "Đã chấp nhận",
        "Đang xử lý", "Đang gửi trả", "Da duyet", "Chấp nhận yêu cầu",
    ],
    "rejected": [
        "Rejected", "Declined", "Denied", "REJECT_RECEIVE_PACKAGE", "SELLER_DISPUTE", "JUDGING", "Refused by seller",
        "Claim denied", "Ditolak", "Penjual menolak", "Dalam sanggahan", "Pengajuan ditolak", "Tolak",
        "Từ chối", "Bị từ chối", "Người bán từ chối", "Tu choi", "Khiếu nại", "Yêu cầu bị từ chối",
    ],
    "item received": [
        "Item received", "Unit returned to inventory", "Returned", "Received by seller", "Return received",
        "Package received at warehouse", "Barang diterima", "Barang sudah diterima penjual", "Retur diterima",
        "Barang kembali ke gudang", "Đã nhận hàng trả", "Đã nhận lại hàng", "Kho đã nhận hàng",
        "Da nhan hang hoan", "Item back in stock",
    ],
    "refunded": [
        "Refunded", "REFUND_PAID", "Reimbursed", "Refund completed", "Partially refunded", "Money returned",
        "Refund issued", "Dana dikembalikan", "Refund berhasil", "Dana sudah dikembalikan", "Sudah direfund",
        "Pengembalian dana selesai", "Đã hoàn tiền", "Hoàn tiền thành công", "Da hoan tien", "Đã hoàn tiền một phần",
        "Tiền đã được hoàn",
    ],
    "reshipped": [
        "Reshipped", "Replacement sent", "Resent", "New item shipped", "Dikirim ulang", "Barang pengganti dikirim",
        "Sudah kirim ulang", "Đã gửi lại", "Đã giao lại hàng mới", "Da gui lai", "Replacement shipped",
    ],
    "exchanged": [
        "Exchanged", "Exchange completed", "Swapped", "Ditukar", "Sudah ditukar", "Penukaran selesai",
        "Đã đổi", "Đã đổi hàng", "Da doi hang", "Exchange done",
    ],
    "auto-approved": [
        "Auto-approved", "Auto approved", "Automatically approved", "Approved by system (no response)",
        "Otomatis disetujui", "Disetujui otomatis oleh sistem", "Tự động duyệt", "Tự động chấp nhận",
        "Hệ thống tự động chấp nhận", "AUTO_APPROVED",
    ],
    "cancelled": [
        "Cancelled", "Canceled", "CANCELLED", "Withdrawn by buyer", "Buyer cancelled the request", "Request withdrawn",
        "Dibatalkan", "Batal", "Dibatalkan pembeli", "Pembeli membatalkan", "Đã hủy", "Hủy", "Người mua hủy yêu cầu",
        "Da huy", "Cancel",
    ],
    "closed": [
        "Closed", "Completed", "Complete", "Finished", "Done", "Resolved", "CLOSED", "RETURN_OR_REFUND_COMPLETE",
        "Case closed", "Selesai", "Ditutup", "Sudah selesai", "Kasus ditutup", "Đã xong", "Hoàn thành",
        "Đã đóng", "Hoan thanh", "Đã giải quyết", "Kết thúc",
    ],
}

COURIER: list[str] = [
    "UNDELIVERABLE_REFUSED", "UNDELIVERABLE_UNKNOWN", "UNDELIVERABLE_INSUFFICIENT_ADDRESS",
    "UNDELIVERABLE_FAILED_DELIVERY_ATTEMPTS", "UNDELIVERABLE_CARRIER_MISS_SORTED", "UNDELIVERABLE_MISSING_LABEL",
    "UNDELIVERABLE_UNCLAIMED", "RTO", "Courier Return (RTO)", "Return to origin", "Returned to sender",
    "Failed delivery", "Delivery failed - buyer not home", "Refused by buyer at the door", "Address not found",
    "courier_return", "Return to seller (failed delivery)", "RTS", "Undelivered, returned", "Delivery attempt failed",
    "Gagal kirim", "Pengiriman gagal", "Paket dikembalikan ke penjual", "Retur ke pengirim",
    "Alamat tidak ditemukan", "Pembeli menolak paket", "COD ditolak pembeli", "Gagal antar", "Paket gagal dikirim",
    "Giao hàng thất bại", "Giao hàng không thành công", "Hoàn hàng về shop", "Trả về người gửi",
    "Khách không nhận hàng", "Không liên lạc được người nhận", "Giao that bai", "Hoàn trả do giao thất bại",
    "Chuyển hoàn",
]

T = TypeVar("T")


def held_out(wording: str) -> bool:
    """True for the wordings reported on (about half); the rest tune the rules. Stable across runs and machines."""
    return hashlib.sha256(wording.encode("utf-8")).digest()[0] % 2 == 1


def halves(pool: dict[str, list[str]] | list[str]) -> tuple[dict[str, list[str]] | list[str], dict[str, list[str]] | list[str]]:
    """(tuning half, held-out half) of a pool: a tag -> wordings dict or a plain list, split by `held_out`.

    >>> tune, held = halves({"Defective": ["Won't charge", "Not working", "Mati total", "Hàng lỗi"]})
    >>> sorted(tune["Defective"] + held["Defective"]) == sorted(["Won't charge", "Not working", "Mati total", "Hàng lỗi"])
    True
    """
    if isinstance(pool, dict):
        return ({tag: [w for w in words if not held_out(w)] for tag, words in pool.items()},
                {tag: [w for w in words if held_out(w)] for tag, words in pool.items()})
    return [w for w in pool if not held_out(w)], [w for w in pool if held_out(w)]
