/// Zero-padded clock and date fields (`07`, `2026`) for text drawn every second.
/// `String(format:)` goes through Foundation's formatter: a profile of the idle console
/// found it at a tenth of each frame's cost, for the clock alone.
enum Digits {
    static func padded(_ value: some BinaryInteger, width: Int = 2) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        return digits.count >= width ? sign + digits : sign + String(repeating: "0", count: width - digits.count) + digits
    }

    /// `HH:MM:SS` for a second of the day.
    static func clock(secondOfDay s: Int) -> String {
        padded(s / 3600) + ":" + padded((s / 60) % 60) + ":" + padded(s % 60)
    }
}
