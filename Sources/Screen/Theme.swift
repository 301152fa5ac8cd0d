/// A named mapping from every role to a style: how the console looks (Themes/*.yaml).
public struct Theme: Hashable, Sendable {
    public var name: String
    public var summary: String
    public var styles: [Role: Style]

    public init(name: String, summary: String = "", styles: [Role: Style]) {
        self.name = name
        self.summary = summary
        self.styles = styles
    }

    /// The style of `role` (plain text where a theme left it out).
    public subscript(role: Role) -> Style { styles[role] ?? Style() }

    /// The last resort when no theme file can be read: attributes only, legible anywhere.
    public static let plain = Theme(name: "plain", summary: "Built-in attributes-only look.", styles: [
        .background: Style(), .text: Style(), .muted: Style(dim: true), .accent: Style(bold: true),
        .border: Style(dim: true), .statusPending: Style(), .statusOpened: Style(underline: true),
        .statusPaid: Style(bold: true), .statusFailed: Style(bold: true, underline: true),
        .statusExpired: Style(dim: true), .statusCancelled: Style(dim: true), .warning: Style(bold: true, underline: true),
        .error: Style(bold: true),
        .selection: Style(reverse: true), .bannerLive: Style(bold: true, reverse: true),
        .bannerSandbox: Style(reverse: true),
    ])
}
