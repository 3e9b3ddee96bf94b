//! The five example reports the project started from (the users' own), for trying the
//! page out. Third-party reports are not bundled.

pub const SAMPLES: [(&str, &str); 5] = [
    ("示例一：西城区街道 2020（每格一行）", include_str!("../../../tests/fixtures/seeds/000_2e3a6c26e003a8cc.txt")),
    ("示例二：金谷园街道 2020（制表符分隔）", include_str!("../../../tests/fixtures/seeds/001_29d0877efba69983.txt")),
    ("示例三：解放西街街道 2020（PDF 转出）", include_str!("../../../tests/fixtures/seeds/002_1a488c694ce6abfd.txt")),
    ("示例四：新街口街道 2020（行标签缺失）", include_str!("../../../tests/fixtures/seeds/003_790b0b6d2a207a20.txt")),
    ("示例五：西工街道 2023（2021 年格式）", include_str!("../../../tests/fixtures/seeds/004_875541e45b987938.txt")),
];
