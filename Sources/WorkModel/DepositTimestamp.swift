/// The registry writes deposit times in several precisions: `2016111120041199000`,
/// `20161111200411`, `201610190312`, Unix seconds (`1385985547`) and ISO 8601 with or without
/// milliseconds. They are normalized once, to milliseconds since the epoch (UTC), and that one
/// number is both the `deposited` date and the deposit version that orders writes.
public enum DepositTimestamp {
    public static func epochMillis(_ raw: String) -> Int64? {
        let s = Identifiers.trimmed(raw)
        guard let first = s.utf8.first else { return nil }
        if s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return digits(Array(s.utf8)) }
        guard first >= 48 && first <= 57 else { return nil }
        return iso(s)
    }

    /// `yyyyMMddHHmm[ss[fff…]]` when it starts like a plausible year, else Unix seconds (10 digits)
    /// or milliseconds (13 digits).
    private static func digits(_ d: [UInt8]) -> Int64? {
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= d.count else { return nil }
            var v = 0
            for i in from..<(from + len) { v = v * 10 + Int(d[i] - 48) }
            return v
        }
        if d.count >= 8, let y = num(0, 4), (1900...2200).contains(y), let m = num(4, 2), (1...12).contains(m),
           let day = num(6, 2), day >= 1, day <= CivilCalendar.daysIn(month: m, year: y) {
            let hh = num(8, 2) ?? 0, mm = num(10, 2) ?? 0, ss = num(12, 2) ?? 0
            guard hh < 24, mm < 60, ss < 61 else { return nil }
            var millis = 0
            if d.count > 14 {
                // Fractions of a second, whatever their precision: keep milliseconds.
                let frac = Array(d[14...]) + [48, 48, 48]
                millis = Int(frac[0] - 48) * 100 + Int(frac[1] - 48) * 10 + Int(frac[2] - 48)
            }
            let day0 = Int64(CivilCalendar.days(year: y, month: m, day: day))
            return ((day0 * 24 + Int64(hh)) * 60 + Int64(mm)) * 60_000 + Int64(ss) * 1000 + Int64(millis)
        }
        if d.count == 10, let secs = num(0, 10) { return Int64(secs) * 1000 }
        if d.count == 13, let ms = Int64(String(decoding: d, as: UTF8.self)) { return ms }
        return nil
    }

    /// ISO 8601: `2017-06-25T01:30:21Z`, `…21.123Z`, `…21+02:00`, or a bare date.
    private static func iso(_ s: String) -> Int64? {
        let u = Array(s.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= u.count else { return nil }
            var v = 0
            for i in from..<(from + len) {
                guard u[i] >= 48 && u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard let y = num(0, 4), u.count >= 10, u[4] == UInt8(ascii: "-"), let m = num(5, 2), u[7] == UInt8(ascii: "-"),
              let d = num(8, 2), (1...12).contains(m), d >= 1, d <= CivilCalendar.daysIn(month: m, year: y)
        else { return nil }
        var millis = Int64(CivilCalendar.days(year: y, month: m, day: d)) * 86_400_000
        guard u.count > 10 else { return millis }
        guard u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "),
              let hh = num(11, 2), let mm = num(14, 2), hh < 24, mm < 60 else { return nil }
        var i = 16
        var ss = 0
        if i < u.count, u[i] == UInt8(ascii: ":") { guard let v = num(17, 2) else { return nil }; ss = v; i = 19 }
        millis += Int64((hh * 60 + mm) * 60 + ss) * 1000
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            var scale: Int64 = 100
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                millis += Int64(u[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
            let sign: Int64 = u[i] == UInt8(ascii: "+") ? 1 : -1
            let oh = num(i + 1, 2) ?? 0
            let om = num(i + 4, 2) ?? num(i + 3, 2) ?? 0
            millis -= sign * Int64(oh * 60 + om) * 60_000
        }
        return millis
    }
}
