/// What a quiqpay sandbox says it is in `GET /healthz` (API.md section 6), so a console that
/// reaches one through `QUIQ_SITE` shows SANDBOX rather than LIVE.
public enum SandboxPlatform {
    public static let name = "quiqpay-sandbox"
}
