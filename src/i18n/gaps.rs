//! The studio's Gaps panel strings in en, vi, zh and ru: the desks' reports opened, each missed
//! search with what the search answers now and its fixes, the flags on cards.

use super::Text;

messages!(
    /// Every string of the Gaps panel; its row of translations is in `row`.
    GapsMsg:
    Title, Intro, NoFolder, Open, Opened, Close, NotRead, NoGaps, Seen, NoResults, Abandoned,
    Reformulated, OpenedInTheEnd, Now, NowNothing, Add, AddTo, Suggested, AllCards, Confirm,
    Cancel, Synonym, SynonymTo, NewGroup, NewGroupWords, Dismiss, Dismissed, Undismiss, Added,
    Undo, NotAdded, CardHasIt, SynonymsHaveIt, More, Flags, Wrong, Outdated, Unclear, Missing,
    Version, MayBeFixed, NotInFolder,
);

use GapsMsg::*;

impl Text for GapsMsg {
    fn row(self) -> [&'static str; 4] {
        row(self)
    }
}

/// Every message's row [en, vi, zh, ru]: an exhaustive match, as for the desk's.
const fn row(msg: GapsMsg) -> [&'static str; 4] {
    match msg {
        Title => [
            "What operators did not find",
            "Điều ĐTV tìm không thấy",
            "接线员没找到的内容",
            "Что операторы не нашли",
        ],
        Intro => [
            "Open the desks' reports (“Report for editors”, .json) or a collector's file (.jsonl): the searches that found nothing or needed another try, merged, each with what the search answers now.",
            "Mở báo cáo của các máy (“Báo cáo cho biên tập viên”, .json) hoặc tệp của bộ thu (.jsonl): các lượt tìm không thấy hoặc phải gõ lại, đã gộp, kèm kết quả tìm kiếm hiện nay.",
            "打开各坐席的报告（“给编辑的报告”，.json）或收集器的文件（.jsonl）：没有找到或需要重新输入的搜索，已合并，并附上现在的搜索结果。",
            "Откройте отчёты рабочих мест («Отчёт для редакторов», .json) или файл сборщика (.jsonl): неудачные и повторные поиски, сведённые вместе, и что поиск отвечает на них сейчас.",
        ],
        NoFolder => [
            "Open the content folder too: then each row shows what the search answers now, and can be fixed.",
            "Hãy mở cả thư mục nội dung: khi đó mỗi dòng cho thấy kết quả tìm kiếm hiện nay và có thể sửa được.",
            "请同时打开内容文件夹：这样每一行都会显示现在的搜索结果，并且可以修正。",
            "Откройте и папку с контентом: тогда у каждой строки видно, что поиск отвечает сейчас, и её можно исправить.",
        ],
        Open => ["Open reports…", "Mở báo cáo…", "打开报告…", "Открыть отчёты…"],
        Opened => [
            "{reports} reports in {files} files, {from} – {to}",
            "{reports} báo cáo trong {files} tệp, {from} – {to}",
            "{files} 个文件中的 {reports} 份报告，{from} – {to}",
            "Отчётов: {reports}, файлов: {files}, {from} – {to}",
        ],
        Close => ["Close the reports", "Đóng báo cáo", "关闭报告", "Закрыть отчёты"],
        NotRead => [
            "Not read: {why}",
            "Không đọc được: {why}",
            "无法读取：{why}",
            "Не прочитан: {why}",
        ],
        NoGaps => [
            "No missed search in these reports.",
            "Các báo cáo này không có lượt tìm kiếm thất bại nào.",
            "这些报告中没有未找到的搜索。",
            "В этих отчётах нет неудачных поисков.",
        ],
        Seen => [
            "{count}× · desks: {desks} · last {date}",
            "{count} lần · số máy: {desks} · gần nhất {date}",
            "{count} 次 · 坐席：{desks} · 最近 {date}",
            "{count}× · рабочих мест: {desks} · последний раз {date}",
        ],
        NoResults => ["no results", "không có kết quả", "没有结果", "ничего не найдено"],
        Abandoned => [
            "results shown, none opened",
            "có kết quả nhưng không mở thẻ nào",
            "有结果但未打开任何卡片",
            "результаты были, ни один не открыт",
        ],
        Reformulated => [
            "found only by another query",
            "chỉ tìm được khi gõ cách khác",
            "换了说法才找到",
            "нашли только другим запросом",
        ],
        OpenedInTheEnd => ["opened in the end:", "cuối cùng mở:", "最终打开：", "в итоге открыли:"],
        Now => ["The search now:", "Tìm kiếm bây giờ:", "现在的搜索结果：", "Поиск сейчас:"],
        NowNothing => ["nothing", "không có gì", "无结果", "ничего"],
        Add => ["Add to card…", "Thêm vào thẻ…", "添加到卡片…", "Добавить в карточку…"],
        AddTo => [
            "Add “{query}” to the situations of",
            "Thêm “{query}” vào tình huống của thẻ",
            "将“{query}”添加到此卡片的情形",
            "Добавить «{query}» в ситуации карточки",
        ],
        Suggested => ["Suggested", "Gợi ý", "建议", "Предложенные"],
        AllCards => ["All cards", "Tất cả thẻ", "全部卡片", "Все карточки"],
        Confirm => ["Add", "Thêm", "添加", "Добавить"],
        Cancel => ["Cancel", "Huỷ", "取消", "Отмена"],
        Synonym => [
            "Add as synonym…",
            "Thêm làm từ đồng nghĩa…",
            "添加为同义词…",
            "Добавить как синоним…",
        ],
        SynonymTo => [
            "Add “{query}” to the synonym group",
            "Thêm “{query}” vào nhóm đồng nghĩa",
            "将“{query}”添加到同义词组",
            "Добавить «{query}» в группу синонимов",
        ],
        NewGroup => ["a new group", "nhóm mới", "新建同义词组", "новая группа"],
        NewGroupWords => [
            "The new group's other words (separated by commas)",
            "Các từ khác của nhóm mới (cách nhau bằng dấu phẩy)",
            "新同义词组的其他词语（用逗号分隔）",
            "Другие слова новой группы (через запятую)",
        ],
        Dismiss => ["Dismiss", "Bỏ qua", "忽略", "Скрыть"],
        Dismissed => ["Dismissed: {n}", "Đã bỏ qua: {n}", "已忽略：{n}", "Скрыто: {n}"],
        Undismiss => ["Show them again", "Hiện lại", "重新显示", "Показать снова"],
        Added => [
            "Added “{query}” to {file}.",
            "Đã thêm “{query}” vào {file}.",
            "已将“{query}”添加到 {file}。",
            "«{query}» добавлено в {file}.",
        ],
        Undo => ["Undo", "Hoàn tác", "撤销", "Отменить"],
        NotAdded => [
            "Not added: {why}",
            "Chưa thêm được: {why}",
            "未添加：{why}",
            "Не добавлено: {why}",
        ],
        CardHasIt => [
            "“{query}” is among the card's situations already.",
            "“{query}” đã có trong tình huống của thẻ.",
            "“{query}”已在该卡片的情形中。",
            "«{query}» уже есть в ситуациях карточки.",
        ],
        SynonymsHaveIt => [
            "“{query}” is in synonyms.toml already.",
            "“{query}” đã có trong synonyms.toml.",
            "“{query}”已在 synonyms.toml 中。",
            "«{query}» уже есть в synonyms.toml.",
        ],
        More => ["Show all {n}", "Hiện cả {n} dòng", "显示全部 {n} 条", "Показать все ({n})"],
        Flags => [
            "Flags on cards",
            "Báo lỗi trên thẻ",
            "卡片上的问题反馈",
            "Отметки о проблемах в карточках",
        ],
        Wrong => ["wrong", "sai", "错误", "неверно"],
        Outdated => ["out of date", "lỗi thời", "已过时", "устарело"],
        Unclear => ["unclear", "khó hiểu", "不清楚", "непонятно"],
        Missing => ["something missing", "thiếu nội dung", "缺少内容", "чего-то не хватает"],
        Version => ["version {version}", "phiên bản {version}", "版本 {version}", "версия {version}"],
        MayBeFixed => [
            "may be fixed: the card has changed since",
            "có thể đã sửa: thẻ đã thay đổi từ đó",
            "可能已修正：此后卡片已更改",
            "возможно, исправлено: карточка с тех пор изменилась",
        ],
        NotInFolder => [
            "not in this folder",
            "không có trong thư mục này",
            "不在此文件夹中",
            "нет в этой папке",
        ],
    }
}
