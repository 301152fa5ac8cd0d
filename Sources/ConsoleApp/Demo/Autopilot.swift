import MerchantDemo
import PaymentCore

/// Plays the user of the demo through MerchantDemo's `Shopper`: short link, the Client's page,
/// the processor's card page, the result. Everything goes over real HTTP, so every step the
/// handshake screen lights is a real happening in the platform, the Client or the processor.
final class Autopilot: Sendable {
    private let shopper: Shopper

    init(decline: Bool, pause: Duration) {
        shopper = Shopper(card: decline ? "4000 0000 0000 0002" : "4242 4242 4242 4242", pause: pause)
    }

    func shutdown() async { await shopper.shutdown() }

    /// Pays `payment` through its short link.
    func pay(_ payment: PaymentMessage) async throws(AutopilotError) {
        do throws(ShopperError) {
            _ = try await shopper.pay(payment)
        } catch {
            throw .shopper(error)
        }
    }
}

/// Why the autopilot could not play the user, as one sentence saying what to do.
enum AutopilotError: Error, Sendable, CustomStringConvertible {
    /// The user's path failed where the shopper says.
    case shopper(ShopperError)

    var description: String {
        switch self {
        case .shopper(let error): error.description
        }
    }
}
