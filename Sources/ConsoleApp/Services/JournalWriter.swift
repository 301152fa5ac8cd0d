import ConsoleUI
import PaymentCore
import QuiqClient

/// The console's writes to the journal, performed one at a time in the order asked, so the
/// last draft saved wins and a draft is marked sent only after it was saved. A failed write is
/// told to the UI as a toast: a draft that could not be kept is news.
final class JournalWriter: Sendable {
    enum Write: Sendable {
        case save(PaymentDraft)
        /// A payment read or changed; a payment this console created keeps that origin.
        case record(PaymentMessage, JournalEntry.Origin)
        case markSent(draftId: String, paymentId: String)
    }

    let journal: Journal?
    private let platform: String
    private let queue: AsyncStream<Write>.Continuation
    private let writes: AsyncStream<Write>

    init(journal: Journal?, platform: String) {
        self.journal = journal
        self.platform = platform
        (writes, queue) = AsyncStream.makeStream(of: Write.self, bufferingPolicy: .unbounded)
    }

    func enqueue(_ write: Write) {
        guard journal != nil else { return }
        queue.yield(write)
    }

    /// Performs the writes until `finish()`; run it as one background task.
    func run(send: @escaping @Sendable (Action) -> Void) async {
        guard let journal else { return }
        for await write in writes {
            do throws(JournalError) {
                switch write {
                case .save(let draft): try await journal.saveDraft(draft, platform: platform)
                case .record(let message, let origin): try await journal.record(message, platform: platform, origin: origin)
                case .markSent(let draftId, let paymentId): try await journal.markSent(draftId: draftId, paymentId: paymentId)
                }
            } catch {
                send(.showToast(Toast(error.description, level: .error, duration: 10)))
            }
        }
    }

    func finish() { queue.finish() }
}
