"""Header paraphrases per canonical column (English, Indonesian, Vietnamese), as sellers and exports write them.

Every pool is split in two halves by `halves` before any header rule is written: the rules are tuned on the
first half only; `benchmarks/unseen_wordings.py` reports the second (held-out) half beside it.
"""

from __future__ import annotations

import hashlib

HEADERS: dict[str, list[str]] = {
    "case_id": [
        "Return ID", "Return No.", "Return #", "RMA #", "RMA Number", "Case Ref", "Ticket No.", "Claim ID",
        "Request Number", "Return Request No", "Refund Request ID", "Complaint ID", "Case Reference",
        "No. Retur", "ID Retur", "Nomor Pengajuan", "No. Komplain", "ID Permintaan", "Kode Pengembalian",
        "Mã yêu cầu hoàn", "Số phiếu trả hàng", "Mã khiếu nại", "Mã hoàn trả", "Số yêu cầu",
    ],
    "order_id": [
        "Order ID", "Order No.", "Order #", "Order Number", "Order Ref", "Order Reference", "Purchase Order No.",
        "Order Code", "Original Order", "Sales Order #", "Transaction ID", "Invoice #",
        "No. Pesanan", "Nomor Order", "ID Order", "Kode Pesanan", "No. Invoice", "Nomor Transaksi",
        "Mã đơn", "Mã đơn hàng gốc", "Số đơn", "Số hóa đơn", "Mã giao dịch", "Đơn hàng số",
    ],
    "sku": [
        "SKU", "Seller SKU", "SKU Code", "Item SKU", "SKU #", "Product SKU", "Variant SKU", "SKU No.",
        "Product Code", "Item Code", "Article No.", "Model Code", "Style Code", "Stock Code", "Part Number",
        "Kode SKU", "SKU Produk", "Kode Barang", "Kode Item", "Kode Artikel", "No. SKU",
        "Mã SKU", "Mã hàng", "Mã sản phẩm", "Mã vạch sản phẩm", "Mã phân loại", "SKU sản phẩm",
    ],
    "product_name": [
        "Product Name", "Product", "Item Name", "Item Description", "Product Title", "Item", "Listing Title",
        "Goods Name", "Article Name", "Product Description",
        "Nama Produk", "Nama Barang", "Produk", "Nama Item", "Deskripsi Produk", "Judul Produk",
        "Tên sản phẩm", "Tên hàng", "Sản phẩm", "Tên mặt hàng", "Mô tả sản phẩm", "Hàng hóa",
    ],
    "request_type": [
        "Request Type", "Return Type", "Type of Request", "Resolution Type", "Requested Resolution", "Claim Type",
        "After-sales Type", "Return Method", "Solution Requested", "Refund Type", "Case Type", "Return Option",
        "Jenis Pengajuan", "Tipe Permintaan", "Jenis Retur", "Solusi yang Diminta", "Tipe Komplain", "Jenis Klaim",
        "Loại yêu cầu", "Hình thức xử lý", "Loại khiếu nại", "Phương án xử lý", "Loại hoàn trả", "Giải pháp yêu cầu",
    ],
    "reason_raw": [
        "Return Reason", "Reason", "Reason for Return", "Reason Code", "Return Cause", "Why Returned",
        "Customer Reason", "Buyer's Reason", "Refund Reason", "Reason Category", "Complaint Reason", "Claim Reason",
        "Alasan", "Alasan Retur", "Alasan dari Pembeli", "Alasan Pengembalian", "Alasan Komplain", "Sebab Retur",
        "Lý do", "Lý do trả hàng", "Lý do hoàn", "Lý do khách trả", "Nguyên nhân trả hàng", "Lý do khiếu nại",
    ],
    "comment": [
        "Buyer Comment", "Customer Comments", "Comment", "Notes", "Remarks", "Buyer's Message", "Customer Note",
        "Additional Details", "Buyer Remarks", "Message from Buyer", "Detailed Reason", "Return Description",
        "Catatan", "Catatan Pembeli", "Keterangan", "Komentar Pembeli", "Pesan Pembeli", "Keterangan Tambahan",
        "Ghi chú", "Ghi chú của khách", "Bình luận", "Nhận xét khách hàng", "Lời nhắn", "Mô tả chi tiết",
    ],
    "request_date": [
        "Request Date", "Return Initiated On", "Submitted Date", "Date Requested", "Return Requested At",
        "Request Created", "Return Opened", "Date of Return", "Application Time", "Request Time (GMT+7)",
        "Return Date", "Created At", "Claim Date", "Date Filed", "Return Raised On", "Refund Requested On",
        "Tanggal Diajukan", "Tgl Pengajuan", "Waktu Permintaan", "Tanggal Retur", "Tanggal Request",
        "Waktu Pengajuan (WIB)", "Tgl. Komplain", "Tanggal Dibuat",
        "Ngày yêu cầu", "Thời gian tạo", "Ngày tạo yêu cầu", "Thời gian yêu cầu", "Ngày gửi yêu cầu", "Ngày khiếu nại",
    ],
    "response_date": [
        "Response Date", "First Response", "Responded On", "Seller Response Time", "Replied At", "Date Answered",
        "First Reply Date", "Acknowledged On",
        "Tanggal Respon", "Waktu Tanggapan", "Tgl Dibalas", "Tanggal Balasan Penjual",
        "Ngày phản hồi", "Thời gian phản hồi", "Ngày trả lời", "Thời gian người bán phản hồi",
    ],
    "resolved_date": [
        "Resolved Date", "Closed On", "Completion Date", "Date Closed", "Finished At", "Settled On",
        "Resolution Date", "Completed Time",
        "Tanggal Selesai", "Waktu Selesai", "Tgl Ditutup", "Tanggal Penyelesaian",
        "Ngày hoàn tất", "Ngày đóng", "Thời gian hoàn thành", "Ngày xử lý xong",
    ],
    "status": [
        "Status", "Return Status", "Request Status", "Current Status", "Claim Status", "Case Status", "State",
        "Processing Status", "Refund Status", "Progress",
        "Status Retur", "Status Pengajuan", "Status Permintaan", "Status Komplain", "Status Proses",
        "Trạng thái", "Trạng thái xử lý", "Tình trạng", "Trạng thái yêu cầu", "Tình trạng hoàn trả", "Trạng thái đơn hoàn",
    ],
    "quantity": [
        "Qty", "Quantity", "Qty Ret.", "Returned Qty", "Units", "Qty Returned", "No. of Items", "Return Quantity",
        "Pcs", "Units Returned", "Item Count",
        "Jumlah", "Jml", "Qty Retur", "Jumlah Barang", "Kuantitas", "Jumlah Dikembalikan", "Jumlah Unit",
        "Số lượng", "SL", "Số lượng trả", "SL hoàn", "Số lượng sản phẩm",
    ],
    "refund_amount": [
        "Refund Amount", "Refunded (IDR)", "Refund ($)", "Amount Refunded", "Refund Value", "Refund Total",
        "Refunded Amount (USD)", "Money Back", "Refund (Rp)", "Total Refund", "Refund Sum", "Amount Returned to Buyer",
        "Nominal Refund", "Jumlah Refund", "Dana Dikembalikan (Rp)", "Total Pengembalian Dana", "Nilai Refund",
        "Refund (Rp)", "Pengembalian Dana",
        "Số tiền hoàn", "Tiền hoàn (₫)", "Số tiền hoàn lại (VND)", "Giá trị hoàn tiền", "Tổng tiền hoàn", "Tiền trả lại khách",
    ],
    "currency": [
        "Currency", "Currency Code", "Curr.", "CCY", "Mata Uang", "Kode Mata Uang", "Tiền tệ", "Loại tiền", "Đơn vị tiền",
    ],
    "proof_provided": [
        "Proof", "Photo Proof", "Has Photo", "Evidence Attached", "Photo/Video Provided", "Proof Uploaded",
        "Bukti", "Bukti Foto", "Ada Bukti", "Foto/Video Bukti",
        "Bằng chứng", "Có ảnh", "Hình ảnh chứng minh", "Có video/ảnh",
    ],
    "channel": [
        "Channel", "Marketplace", "Platform", "Sales Channel", "Shop", "Store Name", "Sold On",
        "Kanal", "Platform Penjualan", "Toko", "Marketplace Toko",
        "Kênh", "Kênh bán", "Sàn", "Sàn TMĐT", "Cửa hàng",
    ],
    "handled_by": [
        "Handled By", "PIC", "Assignee", "Agent", "Owner", "Processed By", "Staff", "Person in Charge", "Checked By",
        "Penanggung Jawab", "Petugas", "Diproses Oleh", "Admin", "CS",
        "Người phụ trách", "Nhân viên xử lý", "Người xử lý", "NV phụ trách",
    ],
    "_buyer_id": [
        "Customer ID", "Buyer ID", "Buyer Username", "Customer No.", "User ID", "Member ID", "Customer #",
        "ID Pembeli", "Username Pembeli", "ID Pelanggan", "Kode Pelanggan",
        "Mã khách hàng", "ID người mua", "Tài khoản người mua", "Mã KH",
    ],
    "_personal": [
        "Buyer Name", "Customer Name", "Recipient", "Phone", "Phone No.", "Email", "E-mail Address", "Shipping Address",
        "Contact Number", "Full Name", "Mobile No.", "Delivery Address",
        "Nama Pembeli", "Nama Penerima", "No. HP", "Nomor Telepon", "Alamat", "Alamat Pengiriman", "Email Pembeli",
        "Tên người mua", "Tên khách hàng", "Số điện thoại", "SĐT", "Địa chỉ", "Địa chỉ giao hàng", "Người nhận",
    ],
}


# Headers that are none of the columns read (expected: ignored), written after the rules: a header scorer
# that maps them to a field loses points. Split in halves like the others.
DECOYS: list[str] = [
    "Order Date", "Ship Date", "Tracking Number", "Courier", "Weight (kg)", "Shipping Fee (Rp)", "Warehouse",
    "Voucher Code", "Payment Method", "Discount", "Ship By Date", "Package Dimensions (cm)", "Seller Voucher ($)",
    "Tanggal Pesanan", "Kurir", "No. Resi", "Ongkos Kirim", "Berat (gram)", "Gudang", "Metode Pembayaran", "Diskon",
    "Kode Voucher", "Ngày đặt hàng", "Phí vận chuyển", "Mã vận đơn", "Đơn vị vận chuyển", "Kho hàng",
    "Khối lượng (kg)", "Phương thức thanh toán", "Giảm giá", "Mã giảm giá",
]


def _rank(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def halves(pool: list[str]) -> tuple[list[str], list[str]]:
    """A pool split in two fixed halves (tune, held out): ordered by a hash of each wording, alternating.

    >>> tune, held = halves(["a", "b", "c", "d"])
    >>> sorted(tune + held), len(tune), len(held)
    (['a', 'b', 'c', 'd'], 2, 2)
    """
    ordered = sorted(dict.fromkeys(pool), key=_rank)
    return ordered[0::2], ordered[1::2]


def header_halves() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(tuning half, held-out half) of every header pool; the decoys under the column "" (ignored)."""
    tune, held = {}, {}
    for column, pool in HEADERS.items():
        tune[column], held[column] = halves(pool)
    tune[""], held[""] = halves(DECOYS)
    return tune, held
