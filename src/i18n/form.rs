//! The studio's form view strings in en, vi, zh and ru: each field's label and one-line hint,
//! the outline's kinds of step and its controls.

use super::Text;

messages!(
    /// Every string of the form view; its row of translations is in `row`.
    FormMsg:
    EditAs, ViewForm, ViewText, FormUnavailable, FormAgain, Undo, Redo,
    Ready, ReadyHint, NotesL, NotesHint, IdL, IdHint, LangL, LangHint, TitleL, TitleHint, Category, CategoryHint, Situations, SituationsHint,
    Cautions, CautionsHint, ValidFrom, ValidFromHint, ValidUntil, ValidUntilHint, ReviewBy,
    ReviewByHint, Owner, OwnerHint, HoldLimit, HoldLimitHint, NoHold, NoHoldHint, Callbacks,
    CallbacksHint, SourceFile, SourceFileHint, SourceSection, SourceSectionHint,
    Within, After, Reason, Add, Remove, MoveUp, MoveDown, BadDuration,
    Steps, StepsKeys, KindDo, KindSay, KindDecide, KindBranch, KindAlternatives, RowLabel,
    RowKind, Lead, Label, AddBelow, Delete, Placeholder, LinkCard, StepDeleted,
);

use FormMsg::*;

impl Text for FormMsg {
    fn row(self) -> [&'static str; 4] {
        row(self)
    }
}

/// Every message's row [en, vi, zh, ru]: an exhaustive match, as for the desk's.
const fn row(msg: FormMsg) -> [&'static str; 4] {
    match msg {
        EditAs => ["Edit as", "Sửa dạng", "编辑方式", "Править как"],
        ViewForm => ["Form", "Biểu mẫu", "表单", "Форма"],
        ViewText => ["Text", "Văn bản", "文本", "Текст"],
        FormUnavailable => [
            "The form cannot show this card until its text reads again: {why}",
            "Biểu mẫu chưa hiển thị được thẻ này cho đến khi văn bản đọc được: {why}",
            "在文本能被读取之前，表单无法显示这张卡片：{why}",
            "Форма не может показать карточку, пока её текст не читается: {why}",
        ],
        FormAgain => [
            "The card reads again: show the form",
            "Thẻ đã đọc được: hiện biểu mẫu",
            "卡片已可读取：显示表单",
            "Карточка снова читается: показать форму",
        ],
        NotesL => ["Notes", "Ghi chú", "备注", "Примечания"],
        NotesHint => [
            "Background for the operator, shown below the steps.",
            "Thông tin nền cho ĐTV, hiện dưới các bước.",
            "给接线员的背景信息，显示在步骤下方。",
            "Справка для оператора, под шагами.",
        ],
        IdL => ["Card id", "Mã thẻ", "卡片编号", "Код карточки"],
        IdHint => [
            "Set from the file name; links use it.",
            "Lấy từ tên tệp; các liên kết dùng mã này.",
            "来自文件名；链接使用它。",
            "Задан именем файла; по нему ссылаются.",
        ],
        LangL => ["Card language", "Ngôn ngữ của thẻ", "卡片语言", "Язык карточки"],
        LangHint => [
            "The language of the source; set when the card is made.",
            "Ngôn ngữ của tài liệu gốc; đặt khi tạo thẻ.",
            "来源文件的语言；创建卡片时设定。",
            "Язык источника; задаётся при создании карточки.",
        ],
        Undo => ["Undo (Ctrl+Z)", "Hoàn tác (Ctrl+Z)", "撤销 (Ctrl+Z)", "Отменить (Ctrl+Z)"],
        Redo => ["Redo (Ctrl+Shift+Z)", "Làm lại (Ctrl+Shift+Z)", "重做 (Ctrl+Shift+Z)", "Повторить (Ctrl+Shift+Z)"],
        Ready => ["Ready for operators", "Sẵn sàng cho ĐTV", "可供接线员使用", "Готова для операторов"],
        ReadyHint => [
            "Off while the card is a draft: it is checked but reaches no desk.",
            "Tắt khi thẻ còn là bản nháp: thẻ được kiểm tra nhưng chưa đến ĐTV.",
            "草稿期间关闭：卡片会被检查，但不会发布到坐席。",
            "Выключено, пока карточка — черновик: она проверяется, но не попадает к операторам.",
        ],
        TitleL => ["Title", "Tiêu đề", "标题", "Название"],
        TitleHint => [
            "The situation as an operator would name it.",
            "Tình huống, gọi theo cách ĐTV hay gọi.",
            "用接线员的说法描述这个情况。",
            "Ситуация так, как её назвал бы оператор.",
        ],
        Category => ["Category", "Nhóm", "类别", "Категория"],
        CategoryHint => [
            "A short group name: choose one of the folder's or type a new one.",
            "Tên nhóm ngắn: chọn một nhóm có sẵn hoặc gõ nhóm mới.",
            "简短的分组名：选择已有的，或输入新的。",
            "Короткое название группы: выберите из папки или введите новое.",
        ],
        Situations => ["Situations", "Tình huống", "情况说法", "Ситуации"],
        SituationsHint => [
            "How an operator would say it, one per line.",
            "ĐTV sẽ nói thế nào, mỗi dòng một cách.",
            "接线员会怎么说，每行一种。",
            "Как оператор сказал бы это, по одному варианту в строке.",
        ],
        Cautions => ["Cautions", "Lưu ý", "注意事项", "Предупреждения"],
        CautionsHint => [
            "Warnings shown highlighted above the steps.",
            "Cảnh báo hiện nổi bật phía trên các bước.",
            "在步骤上方突出显示的警示。",
            "Предупреждения, выделенные над шагами.",
        ],
        ValidFrom => ["Offered from", "Áp dụng từ", "生效日期", "Действует с"],
        ValidFromHint => [
            "The first day desks offer the card, e.g. 2026-12-01. Empty: always.",
            "Ngày đầu tiên thẻ được đưa ra, ví dụ 2026-12-01. Để trống: luôn luôn.",
            "坐席开始提供此卡片的第一天，例如 2026-12-01。留空：一直有效。",
            "Первый день, когда карточка доступна, например 2026-12-01. Пусто: всегда.",
        ],
        ValidUntil => ["Offered until", "Áp dụng đến", "截止日期", "Действует по"],
        ValidUntilHint => [
            "The last day desks offer the card. Empty: always.",
            "Ngày cuối cùng thẻ được đưa ra. Để trống: luôn luôn.",
            "坐席提供此卡片的最后一天。留空：一直有效。",
            "Последний день, когда карточка доступна. Пусто: всегда.",
        ],
        ReviewBy => ["Review by", "Rà soát trước", "复核日期", "Проверить до"],
        ReviewByHint => [
            "The day to check the card against its source again.",
            "Ngày cần đối chiếu lại thẻ với tài liệu gốc.",
            "需要再次对照来源复核卡片的日期。",
            "День, когда карточку нужно снова сверить с источником.",
        ],
        Owner => ["Owner", "Người phụ trách", "负责人", "Ответственный"],
        OwnerHint => [
            "Who answers for the card: a name or a team.",
            "Ai chịu trách nhiệm về thẻ: một người hoặc một tổ.",
            "谁对这张卡片负责：个人或团队。",
            "Кто отвечает за карточку: человек или команда.",
        ],
        HoldLimit => ["Hold limit", "Thời gian chờ máy", "保持等待时限", "Лимит ожидания"],
        HoldLimitHint => [
            "How long the caller may wait on hold: \"1 phút 30 giây\", \"90 s\", \"1:30\". Empty: 30 s.",
            "KH được chờ máy bao lâu: \"1 phút 30 giây\", \"90 s\", \"1:30\". Để trống: 30 giây.",
            "来电者最多可等待多久：\"1分30秒\"、\"90 s\"、\"1:30\"。留空：30 秒。",
            "Сколько абонент может ждать на удержании: \"1 мин 30 сек\", \"90 s\", \"1:30\". Пусто: 30 с.",
        ],
        NoHold => ["Never put on hold", "Không để KH chờ máy", "不得让来电者等待", "Не ставить на удержание"],
        NoHoldHint => [
            "Where the source forbids putting this caller on hold.",
            "Khi tài liệu gốc cấm để KH này chờ máy.",
            "来源规定不得让此类来电者等待时。",
            "Когда источник запрещает ставить этого абонента на удержание.",
        ],
        Callbacks => ["Callbacks", "Gọi lại", "回电", "Обратные звонки"],
        CallbacksHint => [
            "A callback this procedure promises: within how long, and why.",
            "Cuộc gọi lại mà quy trình hứa: trong bao lâu và vì sao.",
            "此流程承诺的回电：多长时间内，以及原因。",
            "Обратный звонок, который обещает процедура: в какой срок и зачем.",
        ],
        SourceFile => ["Source document", "Tài liệu gốc", "来源文件", "Исходный документ"],
        SourceFileHint => [
            "The source document's file name.",
            "Tên tệp của tài liệu gốc.",
            "来源文件的文件名。",
            "Имя файла исходного документа.",
        ],
        SourceSection => ["Source section", "Mục trong tài liệu gốc", "来源章节", "Раздел источника"],
        SourceSectionHint => [
            "Its heading(s), outermost first, separated by \" › \".",
            "Các tiêu đề của mục, từ ngoài vào trong, cách nhau bởi \" › \".",
            "章节标题，由外到内，用 \" › \" 分隔。",
            "Заголовки раздела, от внешнего к внутреннему, через \" › \".",
        ],
        Within => ["Within", "Trong vòng", "时限", "В течение"],
        After => ["Not before", "Không sớm hơn", "不早于", "Не раньше"],
        Reason => ["Reason", "Lý do", "原因", "Причина"],
        Add => ["Add", "Thêm", "添加", "Добавить"],
        Remove => ["Remove", "Xóa", "删除", "Удалить"],
        MoveUp => ["Move up", "Chuyển lên", "上移", "Выше"],
        MoveDown => ["Move down", "Chuyển xuống", "下移", "Ниже"],
        BadDuration => [
            "Not a duration: write for example \"1 phút 30 giây\", \"90 s\" or \"1:30\".",
            "Không phải khoảng thời gian: hãy viết ví dụ \"1 phút 30 giây\", \"90 s\" hoặc \"1:30\".",
            "不是时长：请写成例如 \"1分30秒\"、\"90 s\" 或 \"1:30\"。",
            "Это не длительность: напишите, например, \"1 мин 30 сек\", \"90 s\" или \"1:30\".",
        ],
        Steps => ["Steps", "Các bước", "步骤", "Шаги"],
        StepsKeys => [
            "Enter adds a step below, Tab and Shift+Tab indent and outdent, Alt+↑ and Alt+↓ move a step, Ctrl+Z undoes.",
            "Enter thêm bước bên dưới, Tab và Shift+Tab thụt vào và ra, Alt+↑ và Alt+↓ di chuyển bước, Ctrl+Z hoàn tác.",
            "Enter 在下方添加步骤，Tab 和 Shift+Tab 缩进和取消缩进，Alt+↑ 和 Alt+↓ 移动步骤，Ctrl+Z 撤销。",
            "Enter добавляет шаг ниже, Tab и Shift+Tab меняют отступ, Alt+↑ и Alt+↓ двигают шаг, Ctrl+Z отменяет.",
        ],
        KindDo => ["Do", "Làm", "操作", "Действие"],
        KindSay => ["Say", "Nói", "话术", "Сказать"],
        KindDecide => ["Decide", "Quyết định", "判断", "Решение"],
        KindBranch => ["If", "Nếu", "如果", "Если"],
        KindAlternatives => ["Say one of", "Nói một trong", "任选话术", "Сказать одно из"],
        RowLabel => [
            "{kind}, level {depth}",
            "{kind}, cấp {depth}",
            "{kind}，第 {depth} 级",
            "{kind}, уровень {depth}",
        ],
        RowKind => ["Kind of step", "Loại bước", "步骤类型", "Тип шага"],
        Lead => ["Lead line (optional)", "Câu dẫn (không bắt buộc)", "引导语（可选）", "Вводная строка (необязательно)"],
        Label => ["Label (optional)", "Nhãn (không bắt buộc)", "标签（可选）", "Метка (необязательно)"],
        AddBelow => ["Add below (Enter)", "Thêm bên dưới (Enter)", "在下方添加 (Enter)", "Добавить ниже (Enter)"],
        Delete => ["Delete", "Xóa", "删除", "Удалить"],
        Placeholder => ["Insert a placeholder", "Chèn trường tự điền", "插入占位符", "Вставить подстановку"],
        LinkCard => [
            "Link to a card: type its title",
            "Liên kết tới thẻ: gõ tiêu đề",
            "链接到卡片：输入其标题",
            "Ссылка на карточку: введите название",
        ],
        StepDeleted => [
            "Step deleted: Ctrl+Z brings it back.",
            "Đã xóa bước: Ctrl+Z để lấy lại.",
            "已删除步骤：按 Ctrl+Z 恢复。",
            "Шаг удалён: Ctrl+Z вернёт его.",
        ],
    }
}
