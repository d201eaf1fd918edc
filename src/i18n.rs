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
    Results,
    NoResults,
    TryExamples,
    Loading,
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
        Results => ["results", "kết quả", "个结果", "результатов"],
        NoResults => [
            "No procedure matches. Try other words.",
            "Không tìm thấy quy trình. Thử từ khác.",
            "没有匹配的流程。请换个说法。",
            "Ничего не найдено. Попробуйте другие слова.",
        ],
        TryExamples => ["Try:", "Thử:", "试试：", "Попробуйте:"],
        Loading => [
            "Loading procedures…",
            "Đang tải quy trình…",
            "正在加载流程…",
            "Загрузка процедур…",
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
            "Callback overdue",
            "Hẹn gọi lại đã quá hạn",
            "回电已逾期",
            "Просрочен перезвон",
        ],
        StorageRecovered => [
            "Some saved data could not be read; it was kept aside under a backup key.",
            "Một phần dữ liệu đã lưu không đọc được; đã được cất sang khoá sao lưu.",
            "部分已保存数据无法读取，已另存为备份。",
            "Часть сохранённых данных не читается; она сохранена отдельно как резервная копия.",
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
    fn browser_language_picks_a_supported_one() {
        assert_eq!(UiLang::from_browser(["fr-FR", "vi-VN", "en"]), UiLang::Vi);
        assert_eq!(UiLang::from_browser(["zh-Hans-CN"]), UiLang::Zh);
        assert_eq!(UiLang::from_browser(["de"]), UiLang::En);
    }
}
