/// The New York Stock Exchange's trading days (SPX closes) and the option
/// expirations that follow from them.
///
/// A trading day is a weekday that is not an exchange holiday. Holidays, by
/// the NYSE's rules: New Year's Day, Martin Luther King Jr. Day (third Monday
/// of January, from 1998), Washington's Birthday (third Monday of February,
/// from 1971; February 22 before), Good Friday, Memorial Day (last Monday of
/// May, from 1971; May 30 before), Juneteenth (June 19, from 2022),
/// Independence Day, Labor Day (first Monday of September), Thanksgiving
/// (fourth Thursday of November), Christmas. A holiday on a Saturday is
/// observed the Friday before (except New Year's Day, which is then not
/// observed), one on a Sunday the Monday after. Plus the unscheduled
/// closures since 1927 that a daily file would show: the 1933 bank holiday,
/// presidential funerals and days of mourning, 9/11, Hurricane Sandy (see
/// `specialClosures`). Saturday sessions (before 1953) are not modelled: a
/// Saturday row is read as it stands and the calendar does not count it.
public enum ExchangeCalendar {
    /// Closures outside the holiday rules (NYSE), as (year, month, day).
    static let specialClosures: [(Int, Int, Int)] = [
        (1933, 3, 6), (1933, 3, 7), (1933, 3, 8), (1933, 3, 9), (1933, 3, 10), (1933, 3, 13), (1933, 3, 14),
        (1945, 8, 15), (1945, 8, 16), (1963, 11, 25), (1968, 4, 9), (1969, 3, 31), (1972, 12, 28), (1973, 1, 25),
        (1977, 7, 14), (1985, 9, 27), (1994, 4, 27), (2001, 9, 11), (2001, 9, 12), (2001, 9, 13), (2001, 9, 14),
        (2004, 6, 11), (2007, 1, 2), (2012, 10, 29), (2012, 10, 30), (2018, 12, 5), (2025, 1, 9),
    ]
    static let specialClosureDays: Set<Int> = Set(
        specialClosures.compactMap { CalendarDate(year: $0.0, month: $0.1, day: $0.2)?.dayNumber })

    /// Whether the exchange trades on `date`.
    public static func isTradingDay(_ date: CalendarDate) -> Bool {
        !date.isWeekend && !isHoliday(date)
    }

    /// Whether `date` (a weekday) is an exchange holiday or a special closure.
    public static func isHoliday(_ date: CalendarDate) -> Bool {
        if specialClosureDays.contains(date.dayNumber) { return true }
        let year = date.year
        return holidays(year).contains(date.dayNumber)
            // New Year's Day of next year never moves back into this year (NYSE rule 7.2).
    }

    /// The weekday holidays of `year` as observed (day numbers).
    static func holidays(_ year: Int) -> [Int] {
        func date(_ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: year, month: month, day: day)! }
        func observed(_ d: CalendarDate) -> CalendarDate? {
            switch d.weekday {
            case 6: d.adding(days: -1)
            case 0: d.adding(days: 1)
            default: d
            }
        }
        var days: [CalendarDate?] = []
        let newYear = date(1, 1)
        days.append(newYear.weekday == 6 ? nil : observed(newYear))
        if year >= 1998 { days.append(nthWeekday(1, n: 3, month: 1, year: year)) }  // MLK: third Monday
        days.append(year >= 1971 ? nthWeekday(1, n: 3, month: 2, year: year) : observed(date(2, 22)))
        days.append(easter(year).adding(days: -2))
        days.append(year >= 1971 ? lastWeekday(1, month: 5, year: year) : observed(date(5, 30)))
        if year >= 2022 { days.append(observed(date(6, 19))) }
        days.append(observed(date(7, 4)))
        days.append(nthWeekday(1, n: 1, month: 9, year: year))
        days.append(nthWeekday(4, n: 4, month: 11, year: year))
        days.append(observed(date(12, 25)))
        return days.compactMap { $0?.dayNumber }
    }

    /// The `n`th weekday `weekday` (0 Sunday ... 6 Saturday; 1 is Monday) of a month.
    static func nthWeekday(_ weekday: Int, n: Int, month: Int, year: Int) -> CalendarDate {
        let first = CalendarDate(year: year, month: month, day: 1)!
        let offset = (weekday - first.weekday + 7) % 7
        return first.adding(days: offset + 7 * (n - 1))
    }

    /// The last weekday `weekday` of a month.
    static func lastWeekday(_ weekday: Int, month: Int, year: Int) -> CalendarDate {
        let last = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
        return last.adding(days: -((last.weekday - weekday + 7) % 7))
    }

    /// Easter Sunday (Gregorian; the anonymous algorithm of Meeus).
    static func easter(_ year: Int) -> CalendarDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }

    /// The trading day on or before `date`.
    public static func tradingDay(onOrBefore date: CalendarDate) -> CalendarDate {
        var day = date
        while !isTradingDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// Trading days strictly between two dates.
    public static func tradingDays(between a: CalendarDate, and b: CalendarDate) -> Int {
        guard b.dayNumber - a.dayNumber > 1 else { return 0 }
        var count = 0
        var day = a.adding(days: 1)
        while day < b {
            if isTradingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// The standard monthly SPX expiration of a month: the third Friday, or
    /// the trading day before it when it is a holiday (Good Friday).
    public static func spxExpiration(month: Int, year: Int) -> CalendarDate {
        tradingDay(onOrBefore: nthWeekday(5, n: 3, month: month, year: year))
    }

    /// The positions in `dates` (increasing) of the SPX monthly expirations among them.
    public static func spxExpirationPositions(in dates: [CalendarDate]) -> [Int] {
        guard let first = dates.first, let last = dates.last else { return [] }
        var position = [CalendarDate: Int]()
        for (offset, date) in dates.enumerated() { position[date] = offset }
        var positions = [Int]()
        var month = (first.month, first.year)
        while true {
            let expiry = spxExpiration(month: month.0, year: month.1)
            if expiry > last { break }
            if let found = position[expiry] { positions.append(found) }
            month = month.0 == 12 ? (1, month.1 + 1) : (month.0 + 1, month.1)
        }
        return positions
    }

    /// The monthly VIX expiration of a month (Cboe's rule): 30 days before
    /// the third Friday of the next month (the SPX options VIX is computed
    /// from), a Wednesday; when that Friday is a holiday, 30 days before the
    /// trading day preceding it; when the day found is itself a holiday, the
    /// trading day before it. Matches every CFE contract from 2005 to 2015
    /// (two 2004 contracts expired a week earlier).
    public static func vixExpiration(month: Int, year: Int) -> CalendarDate {
        let next = month == 12 ? (1, year + 1) : (month + 1, year)
        let friday = nthWeekday(5, n: 3, month: next.0, year: next.1)
        let options = isTradingDay(friday) ? friday : tradingDay(onOrBefore: friday.adding(days: -1))
        return tradingDay(onOrBefore: options.adding(days: -30))
    }
}
