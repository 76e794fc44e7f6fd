//! Holiday calendars against the Cabinet Office's published dates, and business-day arithmetic
//! across Golden Week, the year end and weekends.

use mamori_judge::calendar::{
    Calendar, Closure, Counting, HolidayRules, Period, japanese_holidays, us_federal_holidays,
};
use time::Date;
use time::macros::date;

/// Checks that a year's Japanese holidays are exactly `expected`, names included.
fn check_jp_year(year: i32, expected: &[(Date, &str)]) {
    let got = japanese_holidays(year).unwrap();
    assert_eq!(got, expected, "japanese holidays of {year}");
}

#[test]
fn japanese_holidays_match_the_cabinet_office_2024_to_2026() {
    check_jp_year(
        2024,
        &[
            (date!(2024 - 01 - 01), "元日"),
            (date!(2024 - 01 - 08), "成人の日"),
            (date!(2024 - 02 - 11), "建国記念の日"),
            (date!(2024 - 02 - 12), "振替休日"),
            (date!(2024 - 02 - 23), "天皇誕生日"),
            (date!(2024 - 03 - 20), "春分の日"),
            (date!(2024 - 04 - 29), "昭和の日"),
            (date!(2024 - 05 - 03), "憲法記念日"),
            (date!(2024 - 05 - 04), "みどりの日"),
            (date!(2024 - 05 - 05), "こどもの日"),
            (date!(2024 - 05 - 06), "振替休日"),
            (date!(2024 - 07 - 15), "海の日"),
            (date!(2024 - 08 - 11), "山の日"),
            (date!(2024 - 08 - 12), "振替休日"),
            (date!(2024 - 09 - 16), "敬老の日"),
            (date!(2024 - 09 - 22), "秋分の日"),
            (date!(2024 - 09 - 23), "振替休日"),
            (date!(2024 - 10 - 14), "スポーツの日"),
            (date!(2024 - 11 - 03), "文化の日"),
            (date!(2024 - 11 - 04), "振替休日"),
            (date!(2024 - 11 - 23), "勤労感謝の日"),
        ],
    );
    check_jp_year(
        2025,
        &[
            (date!(2025 - 01 - 01), "元日"),
            (date!(2025 - 01 - 13), "成人の日"),
            (date!(2025 - 02 - 11), "建国記念の日"),
            (date!(2025 - 02 - 23), "天皇誕生日"),
            (date!(2025 - 02 - 24), "振替休日"),
            (date!(2025 - 03 - 20), "春分の日"),
            (date!(2025 - 04 - 29), "昭和の日"),
            (date!(2025 - 05 - 03), "憲法記念日"),
            (date!(2025 - 05 - 04), "みどりの日"),
            (date!(2025 - 05 - 05), "こどもの日"),
            (date!(2025 - 05 - 06), "振替休日"),
            (date!(2025 - 07 - 21), "海の日"),
            (date!(2025 - 08 - 11), "山の日"),
            (date!(2025 - 09 - 15), "敬老の日"),
            (date!(2025 - 09 - 23), "秋分の日"),
            (date!(2025 - 10 - 13), "スポーツの日"),
            (date!(2025 - 11 - 03), "文化の日"),
            (date!(2025 - 11 - 23), "勤労感謝の日"),
            (date!(2025 - 11 - 24), "振替休日"),
        ],
    );
    check_jp_year(
        2026,
        &[
            (date!(2026 - 01 - 01), "元日"),
            (date!(2026 - 01 - 12), "成人の日"),
            (date!(2026 - 02 - 11), "建国記念の日"),
            (date!(2026 - 02 - 23), "天皇誕生日"),
            (date!(2026 - 03 - 20), "春分の日"),
            (date!(2026 - 04 - 29), "昭和の日"),
            (date!(2026 - 05 - 03), "憲法記念日"),
            (date!(2026 - 05 - 04), "みどりの日"),
            (date!(2026 - 05 - 05), "こどもの日"),
            (date!(2026 - 05 - 06), "振替休日"),
            (date!(2026 - 07 - 20), "海の日"),
            (date!(2026 - 08 - 11), "山の日"),
            (date!(2026 - 09 - 21), "敬老の日"),
            (date!(2026 - 09 - 22), "国民の休日"),
            (date!(2026 - 09 - 23), "秋分の日"),
            (date!(2026 - 10 - 12), "スポーツの日"),
            (date!(2026 - 11 - 03), "文化の日"),
            (date!(2026 - 11 - 23), "勤労感謝の日"),
        ],
    );
}

/// Checks that each date is (or is not) a Japanese public holiday with the given name.
fn check_jp_days(cases: &[(Date, Option<&str>)]) {
    let cal = Calendar::japan();
    for (d, name) in cases {
        assert_eq!(cal.holiday_name(*d).unwrap(), *name, "holiday name of {d}");
    }
}

#[test]
fn special_years_and_past_rules() {
    check_jp_days(&[
        // 2019: the enthronement day makes 4/30 and 5/2 national rest days (ten days off).
        (date!(2019 - 04 - 30), Some("国民の休日")),
        (date!(2019 - 05 - 01), Some("天皇の即位の日")),
        (date!(2019 - 05 - 02), Some("国民の休日")),
        (date!(2019 - 05 - 06), Some("振替休日")),
        (date!(2019 - 10 - 22), Some("即位礼正殿の儀")),
        (date!(2019 - 12 - 23), None),
        (date!(2019 - 02 - 23), None),
        // Olympic special measures.
        (date!(2020 - 07 - 23), Some("海の日")),
        (date!(2020 - 07 - 24), Some("スポーツの日")),
        (date!(2020 - 08 - 10), Some("山の日")),
        (date!(2020 - 10 - 12), None),
        (date!(2021 - 07 - 22), Some("海の日")),
        (date!(2021 - 07 - 23), Some("スポーツの日")),
        (date!(2021 - 08 - 08), Some("山の日")),
        (date!(2021 - 08 - 09), Some("振替休日")),
        (date!(2021 - 10 - 11), None),
        // Silver week 2015 and the 2009 one.
        (date!(2015 - 09 - 22), Some("国民の休日")),
        (date!(2009 - 09 - 22), Some("国民の休日")),
        // Before Happy Monday and before 2007.
        (date!(1999 - 01 - 15), Some("成人の日")),
        (date!(1999 - 10 - 10), Some("体育の日")), // a Sunday
        (date!(1999 - 10 - 11), Some("振替休日")),
        (date!(1998 - 05 - 04), Some("振替休日")), // 5/3 on a Sunday
        (date!(1999 - 05 - 04), Some("国民の休日")),
        (date!(1988 - 12 - 23), None),
        (date!(1988 - 04 - 29), Some("天皇誕生日")),
        (date!(1989 - 02 - 24), Some("昭和天皇の大喪の礼")),
        (date!(2006 - 04 - 29), Some("みどりの日")),
        (date!(2007 - 05 - 04), Some("みどりの日")),
        // 2008: 5/4 on a Sunday; from 2007 the substitute goes to 5/6.
        (date!(2008 - 05 - 06), Some("振替休日")),
    ]);
}

#[test]
fn us_federal_holidays_are_observed_on_weekdays() {
    let check = |year: i32, d: Date, name: &str| {
        let got = us_federal_holidays(year).unwrap();
        assert!(
            got.contains(&(d, name)),
            "{name} on {d} missing from {year}: {got:?}"
        );
    };
    check(
        2025,
        date!(2025 - 01 - 20),
        "Birthday of Martin Luther King, Jr.",
    );
    check(2025, date!(2025 - 05 - 26), "Memorial Day");
    check(2025, date!(2025 - 11 - 27), "Thanksgiving Day");
    check(2026, date!(2026 - 07 - 03), "Independence Day"); // July 4 is a Saturday
    check(2021, date!(2021 - 12 - 31), "New Year's Day"); // 2022-01-01 is a Saturday
    check(
        2021,
        date!(2021 - 06 - 18),
        "Juneteenth National Independence Day",
    ); // a Saturday
    check(2023, date!(2023 - 01 - 02), "New Year's Day"); // a Sunday
    assert_eq!(us_federal_holidays(2025).unwrap().len(), 11);
    assert_eq!(
        us_federal_holidays(2020).unwrap().len(),
        10,
        "no Juneteenth before 2021"
    );
}

/// Checks `period` from `start` on `cal` against `expected`.
fn check_due(
    cal: &Calendar,
    start: Date,
    days: u32,
    counting: Counting,
    roll: bool,
    expected: Date,
) {
    let p = Period {
        days,
        counting,
        roll_forward: roll,
    };
    assert_eq!(
        cal.due(start, p).unwrap(),
        expected,
        "{days} {counting:?} days from {start}"
    );
}

#[test]
fn deadlines_across_golden_week_year_end_and_weekends() {
    let jp = Calendar::japan();
    let jp_admin = Calendar::new(HolidayRules::Japan, vec![Closure::japanese_year_end()]);
    let us = Calendar::united_states();
    let b = Counting::Business;
    let c = Counting::Calendar;
    // Golden Week 2025: 4/29 and 5/3–5/6 are off.
    check_due(
        &jp,
        date!(2025 - 04 - 25),
        5,
        b,
        false,
        date!(2025 - 05 - 07),
    );
    check_due(
        &jp,
        date!(2025 - 04 - 28),
        3,
        b,
        false,
        date!(2025 - 05 - 02),
    );
    // A 15-day period ending on Constitution Day rolls to the first working day after the holidays.
    check_due(
        &jp,
        date!(2025 - 04 - 18),
        15,
        c,
        true,
        date!(2025 - 05 - 07),
    );
    check_due(
        &jp,
        date!(2025 - 04 - 18),
        15,
        c,
        false,
        date!(2025 - 05 - 03),
    );
    // Year end: national holidays alone close only 1/1; the administrative closure adds 12/29–1/3.
    check_due(
        &jp,
        date!(2025 - 12 - 26),
        3,
        b,
        false,
        date!(2025 - 12 - 31),
    );
    check_due(
        &jp_admin,
        date!(2025 - 12 - 26),
        3,
        b,
        false,
        date!(2026 - 01 - 07),
    );
    check_due(
        &jp_admin,
        date!(2025 - 12 - 20),
        10,
        c,
        true,
        date!(2026 - 01 - 05),
    );
    // Weekends.
    check_due(
        &jp,
        date!(2025 - 06 - 06),
        1,
        b,
        false,
        date!(2025 - 06 - 09),
    );
    check_due(
        &jp,
        date!(2025 - 06 - 07),
        0,
        b,
        false,
        date!(2025 - 06 - 07),
    );
    check_due(
        &Calendar::weekends_only(),
        date!(2025 - 05 - 02),
        1,
        b,
        false,
        date!(2025 - 05 - 05),
    );
    // 21 CFR 806: ten working days across Thanksgiving.
    check_due(
        &us,
        date!(2025 - 11 - 20),
        10,
        b,
        false,
        date!(2025 - 12 - 05),
    );
    // Silver week 2026: 9/21–9/23 off.
    check_due(
        &jp,
        date!(2026 - 09 - 18),
        1,
        b,
        false,
        date!(2026 - 09 - 24),
    );
}

#[test]
fn dates_outside_the_formula_years_are_errors() {
    let jp = Calendar::japan();
    assert!(jp.is_business_day(date!(1979 - 12 - 31)).is_err());
    assert!(jp.is_business_day(date!(2100 - 01 - 01)).is_err());
    assert!(japanese_holidays(2100).is_err());
    let p = Period {
        days: 10,
        counting: Counting::Business,
        roll_forward: false,
    };
    assert!(jp.due(date!(2099 - 12 - 28), p).is_err());
}
