//! The desk's strings for the content loop in en, vi, zh and ru: "Report a problem" on a card
//! and the export for editors.

use super::Text;

messages!(
    /// Every string of the desk's report for editors; its row of translations is in `row`.
    ReportMsg:
    Flag, FlagTitle, Wrong, Outdated, Unclear, Missing, FlagNote, FlagNoteHint, FlagSend,
    FlagThanks, ForEditors, Export, ExportNothing, ExportHolds, ExportDone, KeyFlag,
);

use ReportMsg::*;

impl Text for ReportMsg {
    fn row(self) -> [&'static str; 4] {
        row(self)
    }
}

/// Every message's row [en, vi, zh, ru]: an exhaustive match, as for the desk's.
const fn row(msg: ReportMsg) -> [&'static str; 4] {
    match msg {
        Flag => [
            "Report a problem",
            "Báo lỗi thẻ",
            "报告问题",
            "Сообщить о проблеме",
        ],
        FlagTitle => [
            "What is the matter with this card?",
            "Thẻ này có vấn đề gì?",
            "这张卡片有什么问题？",
            "Что не так с этой карточкой?",
        ],
        Wrong => ["Wrong", "Sai", "有误", "Неверно"],
        Outdated => ["Out of date", "Đã cũ", "已过时", "Устарело"],
        Unclear => ["Unclear", "Khó hiểu", "不清楚", "Непонятно"],
        Missing => [
            "Something missing",
            "Thiếu nội dung",
            "缺少内容",
            "Чего-то не хватает",
        ],
        FlagNote => [
            "Note (optional)",
            "Ghi chú (không bắt buộc)",
            "备注（可选）",
            "Комментарий (необязательно)",
        ],
        FlagNoteHint => [
            "Names and numbers are removed.",
            "Tên và số sẽ được xoá.",
            "姓名和号码会被删除。",
            "Имена и номера удаляются.",
        ],
        FlagSend => [
            "Send to editors",
            "Gửi cho người soạn",
            "发送给编辑",
            "Отправить редакторам",
        ],
        FlagThanks => [
            "Thank you: it is in the report for editors.",
            "Cảm ơn: đã ghi vào báo cáo cho người soạn.",
            "谢谢：已记入给编辑的报告。",
            "Спасибо: это попало в отчёт для редакторов.",
        ],
        ForEditors => [
            "For editors",
            "Cho người soạn thẻ",
            "给编辑",
            "Для редакторов",
        ],
        Export => [
            "Report for editors",
            "Báo cáo cho người soạn",
            "给编辑的报告",
            "Отчёт для редакторов",
        ],
        ExportNothing => [
            "Nothing recorded yet.",
            "Chưa ghi nhận gì.",
            "尚无记录。",
            "Пока ничего не записано.",
        ],
        ExportHolds => [
            "{count} entries, {from} – {to}; names and numbers removed.",
            "{count} mục, {from} – {to}; đã xoá tên và số.",
            "{count} 条，{from} – {to}；已删除姓名和号码。",
            "Записей: {count}, {from} – {to}; имена и номера удалены.",
        ],
        ExportDone => [
            "Downloaded {file}.",
            "Đã tải xuống {file}.",
            "已下载 {file}。",
            "Скачан файл {file}.",
        ],
        KeyFlag => [
            "Report a problem with the card",
            "Báo lỗi thẻ đang mở",
            "报告当前卡片的问题",
            "Сообщить о проблеме в карточке",
        ],
    }
}
