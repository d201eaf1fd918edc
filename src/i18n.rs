//! UI strings in English, Vietnamese, Chinese and Russian; content stays in its own language.
//! One exhaustive match, so a missing translation is a compile-time gap, not a runtime failure.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum UiLang {
    #[default]
    En,
    Vi,
    Zh,
    Ru,
}

impl UiLang {
    pub const ALL: [UiLang; 4] = [UiLang::En, UiLang::Vi, UiLang::Zh, UiLang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            UiLang::En => "en",
            UiLang::Vi => "vi",
            UiLang::Zh => "zh",
            UiLang::Ru => "ru",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            UiLang::En => "English",
            UiLang::Vi => "Tiếng Việt",
            UiLang::Zh => "中文",
            UiLang::Ru => "Русский",
        }
    }

    /// The first supported language among the browser's preferences ("vi-VN" → vi), else English.
    pub fn from_browser<'a>(prefs: impl IntoIterator<Item = &'a str>) -> UiLang {
        prefs
            .into_iter()
            .find_map(|p| {
                let base = p
                    .split(['-', '_'])
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                UiLang::ALL.into_iter().find(|l| l.code() == base)
            })
            .unwrap_or_default()
    }

    fn col(self) -> usize {
        self as usize
    }
}

/// Declares the messages and the list of them (for tests that walk every message).
macro_rules! messages {
    ($($name:ident),* $(,)?) => {
        /// Every UI string; its row of translations is in `row`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($name),* }
        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];
        }
    };
}

messages!(
    SearchLabel,
    SearchPlaceholder,
    AllLanguages,
    NoResults,
    SearchedAs,
    TryExamples,
    Loading,
    StillLoading,
    LoadFailed,
    Retry,
    BackToResults,
    Cautions,
    Steps,
    Notes,
    Source,
    SayThis,
    Copy,
    Copied,
    ChooseBranch,
    HoldStart,
    HoldStop,
    HoldLabel,
    HoldLimit,
    NoHold,
    HoldExceeded,
    NewCall,
    ConfirmNewCall,
    CopySummary,
    CallContext,
    CustomerName,
    OperatorName,
    Company,
    CallNotes,
    Callbacks,
    CallbackNew,
    CallbackName,
    CallbackPhone,
    CallbackNote,
    CallbackDue,
    CallbackDueHint,
    Save,
    Cancel,
    Done,
    Undo,
    Overdue,
    DueAt,
    NoCallbacks,
    ClearAll,
    ConfirmClearAll,
    CallbackOverdueAlert,
    StorageRecovered,
    StorageNotSaved,
    UpdateReady,
    Reload,
    Dismiss,
    Language,
    SummaryProcedure,
    SummaryStepsDone,
    SummaryHoldTime,
    SummaryCallback,
    SummaryNotes,
    RecentlyDone,
    Rules,
    ChooseAlternative,
    CallbackFrom,
    IndexDamaged,
    StorageUnreadable,
    BackupKeptAt,
    BackupExpires,
    DeleteBackup,
    Shortcuts,
    ShortcutsHint,
    KeySearch,
    KeyResults,
    KeyOpen,
    KeyHold,
    KeySteps,
    KeyCheck,
    KeyChoose,
    KeyCallback,
    KeyNewCall,
    KeyHelp,
    KeyClose,
    KeySpace,
    PressCtrlC,
    OfflineNeedsHttps,
    Related,
    HoldExceededNotice,
    SearchResults,
);

use Msg::*;

/// Every message's row [en, vi, zh, ru]: an exhaustive match, so a message without its row
/// does not compile.
const fn row(msg: Msg) -> [&'static str; 4] {
    match msg {
        SearchLabel => [
            "Describe the situation",
            "Mô tả tình huống",
            "描述情况",
            "Опишите ситуацию",
        ],
        SearchPlaceholder => [
            "e.g. customer wants the shift leader",
            "VD: khách muốn gặp trưởng ca",
            "例如：客户投诉",
            "например: клиент хамит",
        ],
        AllLanguages => ["All languages", "Mọi ngôn ngữ", "所有语言", "Все языки"],
        NoResults => [
            "No procedure matches. Try other words.",
            "Không tìm thấy quy trình. Thử từ khác.",
            "没有匹配的流程。请换个说法。",
            "Ничего не найдено. Попробуйте другие слова.",
        ],
        SearchedAs => [
            "Searched as:",
            "Đã tìm theo:",
            "已按以下内容搜索：",
            "Искали как:",
        ],
        TryExamples => ["Try:", "Thử:", "试试：", "Попробуйте:"],
        Loading => [
            "Loading procedures…",
            "Đang tải quy trình…",
            "正在加载流程…",
            "Загрузка процедур…",
        ],
        StillLoading => [
            "Still loading the procedures in:",
            "Đang tải thêm quy trình bằng:",
            "仍在加载以下语言的流程：",
            "Ещё загружаются процедуры на языках:",
        ],
        LoadFailed => [
            "The procedures could not be loaded.",
            "Không tải được quy trình.",
            "无法加载流程。",
            "Не удалось загрузить процедуры.",
        ],
        Retry => ["Retry", "Thử lại", "重试", "Повторить"],
        BackToResults => [
            "Back to results",
            "Quay lại kết quả",
            "返回结果",
            "Назад к результатам",
        ],
        Cautions => ["Caution", "Lưu ý", "注意", "Внимание"],
        Steps => ["Steps", "Các bước", "步骤", "Шаги"],
        Notes => ["Notes", "Ghi chú", "备注", "Примечания"],
        Source => ["Source", "Nguồn", "来源", "Источник"],
        SayThis => ["Say", "Nói", "说", "Скажите"],
        Copy => ["Copy", "Sao chép", "复制", "Копировать"],
        Copied => ["Copied", "Đã chép", "已复制", "Скопировано"],
        ChooseBranch => ["Choose:", "Chọn:", "选择：", "Выберите:"],
        HoldStart => [
            "Start hold",
            "Bắt đầu chờ máy",
            "开始等待",
            "Поставить на удержание",
        ],
        HoldStop => [
            "End hold",
            "Kết thúc chờ máy",
            "结束等待",
            "Снять с удержания",
        ],
        HoldLabel => ["Hold", "Chờ máy", "等待", "Удержание"],
        HoldLimit => ["limit", "giới hạn", "上限", "лимит"],
        NoHold => [
            "Do not put on hold",
            "Không để khách chờ máy",
            "不要让客户等待",
            "Не ставить на удержание",
        ],
        HoldExceeded => [
            "Hold limit exceeded: return to the caller",
            "Quá thời gian chờ: quay lại với khách",
            "等待超时：请回到客户",
            "Лимит удержания превышен: вернитесь к клиенту",
        ],
        NewCall => ["New call", "Cuộc gọi mới", "新来电", "Новый звонок"],
        ConfirmNewCall => [
            "Start a new call? Checked steps of this call will be cleared.",
            "Bắt đầu cuộc gọi mới? Các bước đã đánh dấu sẽ bị xoá.",
            "开始新来电？本次已勾选的步骤将被清除。",
            "Начать новый звонок? Отметки этого звонка будут сброшены.",
        ],
        CopySummary => [
            "Copy call summary",
            "Chép tóm tắt cuộc gọi",
            "复制通话摘要",
            "Копировать итог звонка",
        ],
        CallContext => ["Call", "Cuộc gọi", "通话", "Звонок"],
        CustomerName => ["Customer name", "Tên khách hàng", "客户姓名", "Имя клиента"],
        OperatorName => ["Your name", "Tên bạn", "您的姓名", "Ваше имя"],
        Company => ["Company", "Công ty", "公司", "Компания"],
        CallNotes => ["Call notes", "Ghi chú cuộc gọi", "通话备注", "Заметки"],
        Callbacks => ["Callbacks", "Hẹn gọi lại", "回电", "Перезвонить"],
        CallbackNew => [
            "New callback",
            "Thêm hẹn gọi lại",
            "新建回电",
            "Новый перезвон",
        ],
        CallbackName => ["Name", "Tên", "姓名", "Имя"],
        CallbackPhone => ["Phone", "Số điện thoại", "电话", "Телефон"],
        CallbackNote => ["Note", "Ghi chú", "备注", "Заметка"],
        CallbackDue => ["Due", "Hạn", "截止", "Срок"],
        CallbackDueHint => [
            "minutes, or a time such as 14:30",
            "số phút, hoặc giờ như 14:30",
            "分钟数，或时间如 14:30",
            "минуты или время, например 14:30",
        ],
        Save => ["Save", "Lưu", "保存", "Сохранить"],
        Cancel => ["Cancel", "Huỷ", "取消", "Отмена"],
        Done => ["Done", "Xong", "完成", "Готово"],
        Undo => ["Undo", "Hoàn tác", "撤销", "Вернуть"],
        Overdue => ["overdue", "quá hạn", "已逾期", "просрочено"],
        DueAt => ["due", "hạn", "截止", "до"],
        NoCallbacks => [
            "No callbacks pending.",
            "Không có hẹn gọi lại.",
            "没有待回电。",
            "Нет запланированных звонков.",
        ],
        ClearAll => ["Clear all", "Xoá tất cả", "全部清除", "Очистить всё"],
        ConfirmClearAll => [
            "Delete every callback in this browser?",
            "Xoá mọi hẹn gọi lại trong trình duyệt này?",
            "删除此浏览器中的所有回电？",
            "Удалить все перезвоны в этом браузере?",
        ],
        CallbackOverdueAlert => [
            "Callback due",
            "Đến hạn gọi lại",
            "回电时间到",
            "Пора перезвонить",
        ],
        StorageRecovered => [
            "Some saved data could not be read; what could be read was kept, the rest set aside.",
            "Một phần dữ liệu đã lưu không đọc được; phần đọc được vẫn giữ, phần còn lại được cất riêng.",
            "部分已保存数据无法读取；可读部分已保留，其余已另存。",
            "Часть сохранённых данных не читается; читаемое сохранено, остальное отложено отдельно.",
        ],
        StorageNotSaved => [
            "Not saved: this browser's storage is full or disabled. Your changes are kept in this tab only — do not close it.",
            "Chưa lưu được: bộ nhớ trình duyệt đã đầy hoặc bị tắt. Thay đổi chỉ còn trong thẻ này — đừng đóng thẻ.",
            "未能保存：浏览器存储已满或被禁用。更改仅保留在此标签页中,请勿关闭。",
            "Не сохранено: хранилище браузера заполнено или отключено. Изменения есть только в этой вкладке — не закрывайте её.",
        ],
        UpdateReady => [
            "A new version of Cuecard is ready.",
            "Đã có phiên bản Cuecard mới.",
            "Cuecard 新版本已就绪。",
            "Готова новая версия Cuecard.",
        ],
        Reload => ["Reload", "Tải lại", "重新加载", "Перезагрузить"],
        Dismiss => ["Dismiss", "Đóng", "关闭", "Закрыть"],
        Language => ["Language", "Ngôn ngữ", "语言", "Язык"],
        SummaryProcedure => ["Procedure", "Quy trình", "流程", "Процедура"],
        SummaryStepsDone => ["Steps done", "Các bước đã làm", "已完成步骤", "Выполнено"],
        SummaryHoldTime => [
            "Hold time",
            "Thời gian chờ máy",
            "等待时长",
            "Время удержания",
        ],
        SummaryCallback => ["Callback", "Hẹn gọi lại", "回电", "Перезвон"],
        SummaryNotes => ["Notes", "Ghi chú", "备注", "Заметки"],
        Rules => ["Callback and hold rules", "Quy định gọi lại và chờ máy", "回电与等待规定", "Правила перезвона и ожидания"],
        ChooseAlternative => ["Choose the script you say:", "Chọn câu sẽ nói:", "选择要说的话：", "Выберите фразу:"],
        CallbackFrom => ["at (HH:MM)", "lúc (giờ:phút)", "时间（时:分）", "в (чч:мм)"],
        IndexDamaged => [
            "The procedures file is damaged (it does not match this version of Cuecard). Retry fetches it again.",
            "Tệp quy trình bị hỏng (không khớp với phiên bản Cuecard này). Bấm Thử lại để tải lại.",
            "流程文件已损坏（与此版本的 Cuecard 不符）。请点击重试重新获取。",
            "Файл процедур повреждён (не совпадает с этой версией Cuecard). «Повторить» загрузит его заново.",
        ],
        StorageUnreadable => [
            "Some saved data could not be read and could not be set aside.",
            "Một phần dữ liệu đã lưu không đọc được và không cất riêng được.",
            "部分已保存数据无法读取，也无法另存。",
            "Часть сохранённых данных не читается и не может быть сохранена отдельно.",
        ],
        BackupKeptAt => [
            "It is kept in this browser's storage under",
            "Dữ liệu được giữ trong bộ nhớ trình duyệt với khoá",
            "已保存在此浏览器存储中，键名为",
            "Она хранится в хранилище браузера под ключом",
        ],
        BackupExpires => [
            "deleted automatically after {days} days.",
            "tự động xoá sau {days} ngày.",
            "将在 {days} 天后自动删除。",
            "будет удалена автоматически через {days} дн.",
        ],
        DeleteBackup => ["Delete backup", "Xoá bản sao lưu", "删除备份", "Удалить копию"],
        Shortcuts => ["Keyboard shortcuts", "Phím tắt", "键盘快捷键", "Сочетания клавиш"],
        ShortcutsHint => [
            "Shortcuts work when no text field has the cursor.",
            "Phím tắt hoạt động khi con trỏ không ở trong ô nhập.",
            "光标不在输入框中时快捷键才生效。",
            "Сочетания работают, когда курсор не в поле ввода.",
        ],
        KeySearch => [
            "Search (from any screen)",
            "Tìm kiếm (từ mọi màn hình)",
            "搜索（任何界面）",
            "Поиск (с любого экрана)",
        ],
        KeyResults => [
            "Move through the results",
            "Di chuyển trong kết quả",
            "在结果中移动",
            "Перемещение по результатам",
        ],
        KeyOpen => [
            "Open the selected procedure",
            "Mở quy trình đang chọn",
            "打开选中的流程",
            "Открыть выбранную процедуру",
        ],
        KeyHold => [
            "Start or end the hold",
            "Bắt đầu hoặc kết thúc chờ máy",
            "开始或结束等待",
            "Поставить на удержание или снять",
        ],
        KeySteps => [
            "Next or previous step",
            "Bước tiếp theo hoặc trước",
            "下一步或上一步",
            "Следующий или предыдущий шаг",
        ],
        KeyCheck => [
            "Check the step",
            "Đánh dấu bước",
            "勾选该步骤",
            "Отметить шаг",
        ],
        KeyChoose => [
            "Choose a branch or a script",
            "Chọn nhánh hoặc câu nói",
            "选择分支或话术",
            "Выбрать вариант или фразу",
        ],
        KeyCallback => [
            "New callback",
            "Thêm hẹn gọi lại",
            "新建回电",
            "Новый перезвон",
        ],
        KeyNewCall => [
            "New call (asks first)",
            "Cuộc gọi mới (có hỏi lại)",
            "新来电（先确认）",
            "Новый звонок (с подтверждением)",
        ],
        KeyHelp => [
            "Show these shortcuts",
            "Hiện các phím tắt này",
            "显示这些快捷键",
            "Показать эти сочетания",
        ],
        KeyClose => [
            "Close, or back to the procedure",
            "Đóng, hoặc quay lại quy trình",
            "关闭，或回到流程",
            "Закрыть или вернуться к процедуре",
        ],
        KeySpace => ["Space", "Phím cách", "空格", "Пробел"],
        PressCtrlC => [
            "Not copied: press Ctrl+C",
            "Chưa chép: nhấn Ctrl+C",
            "未复制：请按 Ctrl+C",
            "Не скопировано: нажмите Ctrl+C",
        ],
        OfflineNeedsHttps => [
            "Offline use needs https: here Cuecard works while the network is up.",
            "Dùng ngoại tuyến cần https: ở đây Cuecard chỉ chạy khi có mạng.",
            "离线使用需要 https：此处 Cuecard 仅在联网时可用。",
            "Для работы без сети нужен https: здесь Cuecard работает, пока есть сеть.",
        ],
        Related => [
            "Related procedures",
            "Quy trình liên quan",
            "相关流程",
            "Похожие процедуры",
        ],
        HoldExceededNotice => [
            "Return to the caller on hold.",
            "Hãy quay lại với khách đang chờ.",
            "请回到正在等待的客户。",
            "Вернитесь к клиенту на удержании.",
        ],
        SearchResults => [
            "Search results",
            "Kết quả tìm kiếm",
            "搜索结果",
            "Результаты поиска",
        ],
        RecentlyDone => [
            "Done recently",
            "Đã xong gần đây",
            "最近完成",
            "Недавно выполнено",
        ],
    }
}

pub fn t(lang: UiLang, msg: Msg) -> &'static str {
    row(msg)[lang.col()]
}

/// The CLDR plural category of a whole number, for the four UI languages (what
/// `Intl.PluralRules` answers in the page; the page asks Intl, tests and native code ask this).
pub fn plural_category(lang: UiLang, n: usize) -> &'static str {
    match lang {
        UiLang::En => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
        UiLang::Vi | UiLang::Zh => "other",
        UiLang::Ru => match (n % 10, n % 100) {
            (1, h) if h != 11 => "one",
            (2..=4, h) if !(12..=14).contains(&h) => "few",
            _ => "many",
        },
    }
}

/// "1 result", "2 results", "2 результата", "5 результатов", "3个结果": a count of search results,
/// worded for the plural `category` of `n` in `lang`.
pub fn results_count(lang: UiLang, n: usize, category: &str) -> String {
    let word = match (lang, category) {
        (UiLang::En, "one") => "result",
        (UiLang::En, _) => "results",
        (UiLang::Vi, _) => "kết quả",
        (UiLang::Zh, _) => "个结果",
        (UiLang::Ru, "one") => "результат",
        (UiLang::Ru, "few") => "результата",
        (UiLang::Ru, "many") => "результатов",
        // Fractions: never a count of results, but Intl may say so for "other".
        (UiLang::Ru, _) => "результата",
    };
    match lang {
        UiLang::Zh => format!("{n}{word}"),
        _ => format!("{n} {word}"),
    }
}

/// Example situations for the empty state, one per content language.
pub const EXAMPLES: [&str; 4] = [
    "khách muốn gặp trưởng ca",
    "客户投诉",
    "клиент оскорбляет оператора",
    "lãnh đạo gọi tổng đài",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_translation_is_empty() {
        for &m in Msg::ALL {
            assert!(row(m).iter().all(|s| !s.trim().is_empty()), "{m:?}");
        }
    }

    #[test]
    fn counts_take_each_language_s_plural_forms() {
        let count = |lang, n| results_count(lang, n, plural_category(lang, n));
        assert_eq!(count(UiLang::En, 1), "1 result");
        assert_eq!(count(UiLang::En, 0), "0 results");
        assert_eq!(count(UiLang::En, 2), "2 results");
        assert_eq!(count(UiLang::Vi, 1), "1 kết quả");
        assert_eq!(count(UiLang::Zh, 3), "3个结果");
        for (n, want) in [
            (1, "1 результат"),
            (2, "2 результата"),
            (4, "4 результата"),
            (5, "5 результатов"),
            (11, "11 результатов"),
            (12, "12 результатов"),
            (21, "21 результат"),
            (22, "22 результата"),
            (25, "25 результатов"),
            (111, "111 результатов"),
        ] {
            assert_eq!(count(UiLang::Ru, n), want);
        }
    }

    #[test]
    fn browser_language_picks_a_supported_one() {
        assert_eq!(UiLang::from_browser(["fr-FR", "vi-VN", "en"]), UiLang::Vi);
        assert_eq!(UiLang::from_browser(["zh-Hans-CN"]), UiLang::Zh);
        assert_eq!(UiLang::from_browser(["de"]), UiLang::En);
    }
}
