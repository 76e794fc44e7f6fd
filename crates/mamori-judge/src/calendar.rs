//! Business-day calendars: Japanese national holidays and US federal holidays computed from their
//! rules, weekends, and a company's own closures.
//!
//! Japan follows 国民の祝日に関する法律 as amended over the years, so that any year from 1980 to 2099
//! comes out as the law made it: fixed-date holidays, the Happy Monday moves (成人の日 and 体育の日 from
//! 2000, 海の日 and 敬老の日 from 2003), 春分の日 / 秋分の日 from the usual approximation formula (valid
//! 1980–2099; the law fixes them each February by the National Astronomical Observatory's
//! announcement, which has matched the formula for these years), 振替休日 (until 2006 only the Monday;
//! from 2007 the next day that is not itself a holiday), 国民の休日 (a day between two holidays), and the
//! one-off days of special laws: 1989-02-24 大喪の礼, 1990-11-12 即位礼正殿の儀, 1993-06-09 結婚の儀,
//! 2019-05-01 即位の日, 2019-10-22 即位礼正殿の儀, and the Olympic moves of 2020 and 2021
//! (東京オリンピック・パラリンピック競技大会特別措置法) of 海の日, スポーツの日 and 山の日.
//!
//! US federal holidays follow 5 U.S.C. 6103 with the federal observance rule (Saturday → Friday
//! before, Sunday → Monday after), since FDA's "working days" are the government's.
//!
//! A [`Calendar`] precomputes one bit per day for the whole range, so a business-day question is an
//! index lookup; that keeps re-prioritizing a million findings cheap.

use time::{Date, Duration, Month, Weekday};

use crate::JudgeError;

/// First year the calendars compute (the equinox formula's first year).
pub const FIRST_YEAR: i32 = 1980;
/// Last year the calendars compute (the equinox formula's last year).
pub const LAST_YEAR: i32 = 2099;

/// Which public holidays a calendar skips besides weekends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HolidayRules {
    /// Japanese national holidays (国民の祝日, 振替休日, 国民の休日).
    Japan,
    /// US federal holidays, on their observed dates.
    UnitedStates,
    /// Weekends only.
    None,
}

impl HolidayRules {
    /// The name used in configuration files: "japan", "us", "none".
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Japan => "japan",
            Self::UnitedStates => "us",
            Self::None => "none",
        }
    }

    /// Reads a configuration name ("japan", "us", "none").
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "japan" => Some(Self::Japan),
            "us" => Some(Self::UnitedStates),
            "none" => Some(Self::None),
            _ => None,
        }
    }
}

/// Days a company is closed besides public holidays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closure {
    /// Every year from one month-day to another, inclusive; may wrap over the new year (12/29–1/3).
    Annual {
        /// First closed day (month, day).
        from: (Month, u8),
        /// Last closed day (month, day).
        to: (Month, u8),
    },
    /// Once, from one date to another, inclusive.
    Once {
        /// First closed day.
        from: Date,
        /// Last closed day.
        to: Date,
    },
}

impl Closure {
    /// The Japanese year-end closure most companies keep: December 29 to January 3.
    pub const fn japanese_year_end() -> Self {
        Self::Annual {
            from: (Month::December, 29),
            to: (Month::January, 3),
        }
    }

    fn contains(&self, d: Date) -> bool {
        match self {
            Self::Once { from, to } => *from <= d && d <= *to,
            Self::Annual { from, to } => {
                let md = (d.month() as u8, d.day());
                let f = (from.0 as u8, from.1);
                let t = (to.0 as u8, to.1);
                if f <= t {
                    f <= md && md <= t
                } else {
                    md >= f || md <= t
                }
            }
        }
    }
}

/// A business-day calendar: weekends, one country's public holidays and the company's closures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    rules: HolidayRules,
    closures: Vec<Closure>,
    /// One bit per day from 1980-01-01: set when the day is a holiday or a closure (weekends aside).
    closed: Vec<u64>,
}

fn first_day() -> Date {
    Date::from_calendar_date(FIRST_YEAR, Month::January, 1).expect("valid constant date")
}

fn last_day() -> Date {
    Date::from_calendar_date(LAST_YEAR, Month::December, 31).expect("valid constant date")
}

fn day_index(d: Date) -> Result<usize, JudgeError> {
    if d < first_day() || d > last_day() {
        return Err(JudgeError::OutOfCalendarRange { date: d });
    }
    Ok((d.to_julian_day() - first_day().to_julian_day()) as usize)
}

impl Calendar {
    /// A calendar with the given holiday rules and company closures.
    pub fn new(rules: HolidayRules, closures: Vec<Closure>) -> Self {
        let days = (last_day().to_julian_day() - first_day().to_julian_day() + 1) as usize;
        let mut closed = vec![0u64; days.div_ceil(64)];
        let mut set = |d: Date| {
            if let Ok(i) = day_index(d) {
                closed[i / 64] |= 1 << (i % 64);
            }
        };
        for year in FIRST_YEAR..=LAST_YEAR {
            let holidays = match rules {
                HolidayRules::Japan => japanese_holidays(year).unwrap_or_default(),
                HolidayRules::UnitedStates => us_federal_holidays(year).unwrap_or_default(),
                HolidayRules::None => Vec::new(),
            };
            for (d, _) in holidays {
                set(d);
            }
        }
        if !closures.is_empty() {
            let mut d = first_day();
            while d <= last_day() {
                if closures.iter().any(|c| c.contains(d)) {
                    set(d);
                }
                match d.next_day() {
                    Some(n) => d = n,
                    None => break,
                }
            }
        }
        Self {
            rules,
            closures,
            closed,
        }
    }

    /// Japanese national holidays, weekends, no company closures.
    pub fn japan() -> Self {
        Self::new(HolidayRules::Japan, Vec::new())
    }

    /// US federal holidays (observed), weekends.
    pub fn united_states() -> Self {
        Self::new(HolidayRules::UnitedStates, Vec::new())
    }

    /// Weekends only.
    pub fn weekends_only() -> Self {
        Self::new(HolidayRules::None, Vec::new())
    }

    /// The holiday rules.
    pub fn rules(&self) -> HolidayRules {
        self.rules
    }

    /// The company closures.
    pub fn closures(&self) -> &[Closure] {
        &self.closures
    }

    /// Whether the day is a working day: not a Saturday, Sunday, holiday or closure.
    pub fn is_business_day(&self, d: Date) -> Result<bool, JudgeError> {
        let i = day_index(d)?;
        if matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            return Ok(false);
        }
        Ok(self.closed[i / 64] & (1 << (i % 64)) == 0)
    }

    /// The `n`-th business day after `start` (`start` itself is not counted; `n = 0` gives `start`).
    pub fn add_business_days(&self, start: Date, n: u32) -> Result<Date, JudgeError> {
        let mut d = start;
        day_index(d)?;
        let mut left = n;
        while left > 0 {
            d = next(d)?;
            if self.is_business_day(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }

    /// `d` if it is a business day, else the next business day.
    pub fn roll_forward(&self, d: Date) -> Result<Date, JudgeError> {
        let mut d = d;
        while !self.is_business_day(d)? {
            d = next(d)?;
        }
        Ok(d)
    }

    /// The name of the public holiday on `d` under this calendar's rules, if it is one.
    pub fn holiday_name(&self, d: Date) -> Result<Option<&'static str>, JudgeError> {
        day_index(d)?;
        let list = match self.rules {
            HolidayRules::Japan => japanese_holidays(d.year())?,
            HolidayRules::UnitedStates => us_federal_holidays(d.year())?,
            HolidayRules::None => return Ok(None),
        };
        Ok(list.into_iter().find(|(h, _)| *h == d).map(|(_, n)| n))
    }
}

fn next(d: Date) -> Result<Date, JudgeError> {
    match d.next_day() {
        Some(n) if n <= last_day() => Ok(n),
        _ => Err(JudgeError::OutOfCalendarRange { date: d }),
    }
}

fn check_year(year: i32) -> Result<(), JudgeError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        let date = Date::from_calendar_date(year.clamp(-9999, 9999), Month::January, 1)
            .unwrap_or_else(|_| first_day());
        Err(JudgeError::OutOfCalendarRange { date })
    }
}

fn ymd(year: i32, month: Month, day: u8) -> Date {
    // Only called with days that exist in `month` of `year`.
    Date::from_calendar_date(year, month, day).expect("holiday rule gives a real date")
}

/// The `nth` (1-based) `weekday` of a month.
fn nth_weekday(year: i32, month: Month, weekday: Weekday, nth: u8) -> Date {
    let first = ymd(year, month, 1);
    let offset =
        (weekday.number_days_from_monday() + 7 - first.weekday().number_days_from_monday()) % 7;
    ymd(year, month, 1 + offset + 7 * (nth - 1))
}

/// The last `weekday` of a month.
fn last_weekday(year: i32, month: Month, weekday: Weekday) -> Date {
    let last = ymd(year, month, time::util::days_in_month(month, year));
    let back =
        (last.weekday().number_days_from_monday() + 7 - weekday.number_days_from_monday()) % 7;
    last - Duration::days(i64::from(back))
}

/// 春分日 (March) by the approximation formula for 1980–2099, in integer arithmetic so no rounding
/// of binary floats can move a day.
fn vernal_equinox_day(year: i32) -> u8 {
    let y = i64::from(year - 1980);
    ((20_843_100 + 242_194 * y) / 1_000_000 - y / 4) as u8
}

/// 秋分日 (September) by the approximation formula for 1980–2099.
fn autumnal_equinox_day(year: i32) -> u8 {
    let y = i64::from(year - 1980);
    ((23_248_800 + 242_194 * y) / 1_000_000 - y / 4) as u8
}

/// The 国民の祝日 of a year as the law stood in that year, without 振替休日 and 国民の休日.
fn japanese_national_holidays(year: i32) -> Vec<(Date, &'static str)> {
    use Month::*;
    let mut h = vec![(ymd(year, January, 1), "元日")];
    h.push(if year >= 2000 {
        (nth_weekday(year, January, Weekday::Monday, 2), "成人の日")
    } else {
        (ymd(year, January, 15), "成人の日")
    });
    h.push((ymd(year, February, 11), "建国記念の日"));
    if year >= 2020 {
        h.push((ymd(year, February, 23), "天皇誕生日"));
    }
    h.push((ymd(year, March, vernal_equinox_day(year)), "春分の日"));
    h.push(match year {
        ..=1988 => (ymd(year, April, 29), "天皇誕生日"),
        1989..=2006 => (ymd(year, April, 29), "みどりの日"),
        _ => (ymd(year, April, 29), "昭和の日"),
    });
    h.push((ymd(year, May, 3), "憲法記念日"));
    if year >= 2007 {
        h.push((ymd(year, May, 4), "みどりの日"));
    }
    h.push((ymd(year, May, 5), "こどもの日"));
    match year {
        1996..=2002 => h.push((ymd(year, July, 20), "海の日")),
        2020 => h.push((ymd(year, July, 23), "海の日")),
        2021 => h.push((ymd(year, July, 22), "海の日")),
        2003.. => h.push((nth_weekday(year, July, Weekday::Monday, 3), "海の日")),
        _ => {}
    }
    match year {
        2020 => h.push((ymd(year, August, 10), "山の日")),
        2021 => h.push((ymd(year, August, 8), "山の日")),
        2016.. => h.push((ymd(year, August, 11), "山の日")),
        _ => {}
    }
    h.push(if year >= 2003 {
        (nth_weekday(year, September, Weekday::Monday, 3), "敬老の日")
    } else {
        (ymd(year, September, 15), "敬老の日")
    });
    h.push((ymd(year, September, autumnal_equinox_day(year)), "秋分の日"));
    match year {
        ..=1999 => h.push((ymd(year, October, 10), "体育の日")),
        2000..=2019 => h.push((nth_weekday(year, October, Weekday::Monday, 2), "体育の日")),
        2020 => h.push((ymd(year, July, 24), "スポーツの日")),
        2021 => h.push((ymd(year, July, 23), "スポーツの日")),
        _ => h.push((
            nth_weekday(year, October, Weekday::Monday, 2),
            "スポーツの日",
        )),
    }
    h.push((ymd(year, November, 3), "文化の日"));
    h.push((ymd(year, November, 23), "勤労感謝の日"));
    if (1989..=2018).contains(&year) {
        h.push((ymd(year, December, 23), "天皇誕生日"));
    }
    // One-off days declared by special laws; the law treats them as 国民の祝日, so they also make
    // their neighbours 国民の休日 (2019-04-30 and 2019-05-02).
    match year {
        1989 => h.push((ymd(year, February, 24), "昭和天皇の大喪の礼")),
        1990 => h.push((ymd(year, November, 12), "即位礼正殿の儀")),
        1993 => h.push((ymd(year, June, 9), "皇太子徳仁親王の結婚の儀")),
        2019 => {
            h.push((ymd(year, May, 1), "天皇の即位の日"));
            h.push((ymd(year, October, 22), "即位礼正殿の儀"));
        }
        _ => {}
    }
    h.sort_by_key(|(d, _)| *d);
    h
}

/// Japanese public holidays of `year` (1980–2099), sorted: 国民の祝日, 振替休日 and 国民の休日.
pub fn japanese_holidays(year: i32) -> Result<Vec<(Date, &'static str)>, JudgeError> {
    check_year(year)?;
    let national = japanese_national_holidays(year);
    let is_national = |d: Date| national.iter().any(|(h, _)| *h == d);
    let mut out = national.clone();
    // 振替休日: a holiday on Sunday moves the rest to the next day that is not a holiday (from 2007),
    // or to the Monday only if the Monday is not itself a holiday (1973–2006).
    let mut substitutes = Vec::new();
    for (d, _) in &national {
        if d.weekday() != Weekday::Sunday {
            continue;
        }
        let mut s = *d + Duration::days(1);
        if year >= 2007 {
            while is_national(s) {
                s += Duration::days(1);
            }
        } else if is_national(s) {
            continue;
        }
        if s.year() == year {
            substitutes.push(s);
        }
    }
    out.extend(substitutes.iter().map(|d| (*d, "振替休日")));
    // 国民の休日: a day between two 国民の祝日 that is not one itself (until 2006 also not a Sunday
    // or a 振替休日).
    for (d, _) in &national {
        let mid = *d + Duration::days(1);
        let after = *d + Duration::days(2);
        if is_national(mid) || !is_national(after) || mid.year() != year {
            continue;
        }
        if year < 2007 && (mid.weekday() == Weekday::Sunday || substitutes.contains(&mid)) {
            continue;
        }
        // Before the 1985 amendment the in-between day was a working day.
        if year < 1986 {
            continue;
        }
        out.push((mid, "国民の休日"));
    }
    out.sort_by_key(|(d, _)| *d);
    out.dedup_by_key(|(d, _)| *d);
    Ok(out)
}

/// US federal holidays observed in `year` (1980–2099), sorted; a New Year's Day on a Saturday is
/// observed on December 31 of the year before, so it appears in that year's list.
pub fn us_federal_holidays(year: i32) -> Result<Vec<(Date, &'static str)>, JudgeError> {
    use Month::*;
    check_year(year)?;
    let actual = |y: i32| -> Vec<(Date, &'static str)> {
        let mut h = vec![(ymd(y, January, 1), "New Year's Day")];
        if y >= 1986 {
            h.push((
                nth_weekday(y, January, Weekday::Monday, 3),
                "Birthday of Martin Luther King, Jr.",
            ));
        }
        h.push((
            nth_weekday(y, February, Weekday::Monday, 3),
            "Washington's Birthday",
        ));
        h.push((last_weekday(y, May, Weekday::Monday), "Memorial Day"));
        if y >= 2021 {
            h.push((ymd(y, June, 19), "Juneteenth National Independence Day"));
        }
        h.push((ymd(y, July, 4), "Independence Day"));
        h.push((nth_weekday(y, September, Weekday::Monday, 1), "Labor Day"));
        h.push((nth_weekday(y, October, Weekday::Monday, 2), "Columbus Day"));
        h.push((ymd(y, November, 11), "Veterans Day"));
        h.push((
            nth_weekday(y, November, Weekday::Thursday, 4),
            "Thanksgiving Day",
        ));
        h.push((ymd(y, December, 25), "Christmas Day"));
        h
    };
    let observe = |d: Date| match d.weekday() {
        Weekday::Saturday => d - Duration::days(1),
        Weekday::Sunday => d + Duration::days(1),
        _ => d,
    };
    let mut out: Vec<(Date, &'static str)> = actual(year)
        .into_iter()
        .map(|(d, n)| (observe(d), n))
        .filter(|(d, _)| d.year() == year)
        .collect();
    if year < LAST_YEAR {
        let new_year = observe(ymd(year + 1, January, 1));
        if new_year.year() == year {
            out.push((new_year, "New Year's Day"));
        }
    }
    out.sort_by_key(|(d, _)| *d);
    Ok(out)
}

/// How a period's days are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counting {
    /// Every day counts.
    Calendar,
    /// Only the calendar's business days count.
    Business,
}

impl Counting {
    /// "calendar" or "business".
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Calendar => "calendar",
            Self::Business => "business",
        }
    }

    /// Reads "calendar" or "business".
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "calendar" => Some(Self::Calendar),
            "business" => Some(Self::Business),
            _ => None,
        }
    }
}

/// A deadline period: so many calendar or business days after a start date, the start day not
/// counted (the usual reading of 初日不算入 and of "within N days").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    /// Number of days.
    pub days: u32,
    /// How they are counted.
    pub counting: Counting,
    /// Whether a calendar-day deadline that falls on a non-business day moves to the next business day.
    pub roll_forward: bool,
}

impl Calendar {
    /// The deadline `period` after `start`.
    pub fn due(&self, start: Date, period: Period) -> Result<Date, JudgeError> {
        match period.counting {
            Counting::Business => self.add_business_days(start, period.days),
            Counting::Calendar => {
                day_index(start)?;
                let d = start + Duration::days(i64::from(period.days));
                day_index(d)?;
                if period.roll_forward {
                    self.roll_forward(d)
                } else {
                    Ok(d)
                }
            }
        }
    }
}

/// Reads a closure from configuration: `MM-DD` to `MM-DD` (every year) or `YYYY-MM-DD` to
/// `YYYY-MM-DD` (once).
pub(crate) fn parse_closure(from: &str, to: &str) -> Result<Closure, String> {
    fn month_day(s: &str) -> Option<(Month, u8)> {
        let (m, d) = s.split_once('-')?;
        if m.len() != 2 || d.len() != 2 {
            return None;
        }
        let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
        let day = d.parse::<u8>().ok()?;
        // Any leap year accepts February 29.
        Date::from_calendar_date(2000, month, day).ok()?;
        Some((month, day))
    }
    fn date(s: &str) -> Option<Date> {
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        Date::parse(s, &fmt).ok()
    }
    match (month_day(from), month_day(to)) {
        (Some(f), Some(t)) => return Ok(Closure::Annual { from: f, to: t }),
        (None, None) => {}
        _ => {
            return Err(format!(
                "closure `{from}` to `{to}` mixes MM-DD and YYYY-MM-DD"
            ));
        }
    }
    match (date(from), date(to)) {
        (Some(f), Some(t)) if f <= t => Ok(Closure::Once { from: f, to: t }),
        (Some(_), Some(_)) => Err(format!("closure `{from}` to `{to}` ends before it starts")),
        _ => Err(format!(
            "closure `{from}` to `{to}`: expected MM-DD or YYYY-MM-DD dates"
        )),
    }
}
