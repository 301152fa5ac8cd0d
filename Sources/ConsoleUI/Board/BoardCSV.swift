import Foundation

/// The board's rows as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma,
/// quote, CR or LF quoted and its quotes doubled), with the columns the screen shows.
/// Times are absolute (RFC 3339 UTC) because a file outlives the moment its ages were true.
public enum BoardCSV {
    public static let header = ["id", "status", "created_at", "amount", "currency", "description",
                                "conversation_id", "agent_key_id", "updated_at", "expires_at"]

    public static func csv(_ rows: [BoardRow]) -> String {
        var out = line(header)
        out.reserveCapacity(rows.count * 160)
        for row in rows {
            out += line([row.id, row.status.rawValue, timestamp(row.createdAt), row.formattedAmount.replacingOccurrences(of: ",", with: ""),
                         row.currency, row.description, row.conversationId, row.agentKeyId ?? "", timestamp(row.updatedAt),
                         row.expiresAt.map(timestamp) ?? ""])
        }
        return out
    }

    /// One record and its CRLF.
    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A field, quoted when it must be.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// `board-20270115-080000.csv`: sorts by time, never overwrites the previous export.
    public static func fileName(at date: Date) -> String {
        let stamp = timestamp(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
            .replacingOccurrences(of: "T", with: "-").replacingOccurrences(of: "Z", with: "")
        return "board-\(stamp).csv"
    }
}
