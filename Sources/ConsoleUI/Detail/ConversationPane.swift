import PaymentCore
import Screen

/// The transcript of the current conversation, newest at the bottom: where the agent sees
/// the link as it was posted and the platform's outcome message.
enum ConversationPane {
    static func render(_ conversation: Conversation?, highlight paymentId: String?, state: AppState,
                       into frame: inout Frame, area: Rect) {
        guard area.rows >= 3, area.cols >= 10 else { return }
        frame.box(area, title: "Conversation")
        let inside = area.inset(1)
        guard let conversation else {
            frame.write("loading…", row: inside.row, col: inside.col + 1, role: .muted, limit: inside.cols - 1)
            return
        }
        var lines: [(String, Role)] = []
        for message in conversation.messages {
            let who = message.author.rawValue
            let role: Role = message.paymentId == paymentId && paymentId != nil ? .text : .muted
            let text = Timestamp.clock(message.at, offset: state.utcOffsetSeconds) + " " + who + ": " + message.text
            lines += wrap(text, width: max(10, inside.cols - 2)).map { ($0, role) }
        }
        if lines.isEmpty { lines = [("(no messages yet)", .muted)] }
        for (i, (text, role)) in lines.suffix(inside.rows).enumerated() {
            frame.write(text, row: inside.row + i, col: inside.col + 1, role: role, limit: inside.cols - 1)
        }
    }
}
