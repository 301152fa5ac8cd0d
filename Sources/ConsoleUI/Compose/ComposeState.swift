import Foundation
import PaymentCore

/// The fields of Compose, in the order Tab visits them.
public enum ComposeField: Int, Hashable, Sendable, CaseIterable {
    case conversation, description, currency, amount, lineItems, metadata, key, expires, send

    /// The label shown left of the field.
    public var label: String {
        switch self {
        case .conversation: "Conversation"
        case .description: "Description"
        case .currency: "Currency"
        case .amount: "Amount"
        case .lineItems: "Line items"
        case .metadata: "Metadata"
        case .key: "Key"
        case .expires: "Expires"
        case .send: ""
        }
    }

    /// The field a violation's path (`lineItems[2].quantity`) belongs to.
    static func owning(_ path: String) -> ComposeField? {
        if path.hasPrefix("conversationId") { return .conversation }
        if path.hasPrefix("description") { return .description }
        if path.hasPrefix("currency") { return .currency }
        if path.hasPrefix("amount") { return .amount }
        if path.hasPrefix("lineItems") { return .lineItems }
        if path.hasPrefix("metadata") { return .metadata }
        if path.hasPrefix("key") { return .key }
        if path.hasPrefix("expiresInSeconds") { return .expires }
        return nil
    }
}

/// What Compose's keys do.
public enum ComposeCommand: Hashable, Sendable {
    case next, previous
    /// ↓/↑: the next row of a table, else the next field.
    case down, up
    case enter
    case edit(TextEdit)
    case addRow, deleteRow
    case moveRow(Int)
    /// Ctrl-S: the preview, or the list of what is wrong.
    case preview
    /// Esc: back to the payments, the draft kept.
    case leave
    /// ↓/↑ while the catalogue offers products for a line item's name: the next or previous offer.
    case chooseOffer(Int)
    /// Enter on an offer: its name, SKU and unit price (in the draft's currency) fill the row.
    case takeOffer

    /// Whether the command moves the focus to another field or cell (which selects its text).
    var movesFocus: Bool {
        switch self {
        case .next, .previous, .down, .up, .enter: true
        case .edit, .addRow, .deleteRow, .moveRow, .preview, .leave, .chooseOffer, .takeOffer: false
        }
    }
}

/// A payment being composed: the text of every field as typed, from which the draft and its
/// violations are derived on every change.
public struct ComposeState: Hashable, Sendable {
    public var draftId: String
    public var focus: ComposeField = .description
    public var conversation: TextField
    public var description: TextField
    public var currency: TextField
    public var amount: TextField
    /// Columns: name, quantity, unit price, SKU.
    public var lineItems: RowEditor
    /// Columns: key, value.
    public var metadata: RowEditor
    public var key: TextField
    public var expires: TextField
    /// Set when the draft came back from the journal after a crash.
    public var recovered: Bool
    /// What was wrong at the last refused Send (the platform's or ours); cleared by edits.
    public var refusal: [String] = []
    /// True from Send until the platform answers: a second Send does nothing meanwhile.
    public var sending = false
    /// True once this draft was sent at least once: a Send again reuses its id (the
    /// Idempotency-Key), so it is a retry, never a duplicate, and skips the duplicate guard.
    public var sendAttempted = false
    /// True while a line item's name is being typed: the catalogue's offers show under it.
    public var offering = false
    /// The offer Enter takes (`offers(in:)`).
    public var offerIndex = 0

    public init(draft: PaymentDraft, recovered: Bool = false) {
        draftId = draft.id
        conversation = TextField(draft.conversationId)
        description = TextField(draft.description)
        currency = TextField(draft.currency.code)
        amount = TextField(draft.amount.map { Money(minorUnits: $0, currency: draft.currency).formatted(.plain) } ?? "")
        lineItems = RowEditor(columns: 4, rows: draft.lineItems.map {
            [$0.name, String($0.quantity), Money(minorUnits: $0.unitAmount, currency: draft.currency).formatted(.plain), $0.sku ?? ""]
        })
        metadata = RowEditor(columns: 2, rows: draft.metadata.map { [$0.key, $0.value] })
        key = TextField(draft.key ?? "")
        expires = TextField(draft.expiresInSeconds.map { ExpiryDuration.text(for: $0) } ?? "")
        self.recovered = recovered
        focus = draft.conversationId.isEmpty ? .conversation : .description
        selectFocused()
    }

    /// The currency the Currency field names exactly, if any.
    public var resolvedCurrency: Currency? {
        Currency(code: currency.text.trimmingCharacters(in: .whitespaces))
    }

    /// Currencies offered while typing in the Currency field.
    public var currencyMatches: [Currency] { Currency.matching(currency.text) }

    /// The draft as it would be sent (fields that do not parse are left out; `violations` says why).
    public var draft: PaymentDraft {
        parsed.draft
    }

    /// Every violation: the parse errors of typed text, then PaymentCore's rules on the draft
    /// (one message per field path, the parse error first).
    public var violations: [FieldViolation] {
        let (draft, parseErrors) = parsed
        let taken = Set(parseErrors.map(\.field))
        return parseErrors + draft.validate().filter { !taken.contains($0.field) }
    }

    /// Violations of one field, for display beside it.
    public func violations(of field: ComposeField) -> [FieldViolation] {
        violations.filter { ComposeField.owning($0.field) == field }
    }

    private var parsed: (draft: PaymentDraft, errors: [FieldViolation]) {
        DraftText(conversationId: conversation.text, description: description.text, currency: resolvedCurrency,
                  currencyText: currency.text, amount: amount.text,
                  items: lineItems.texts.map { DraftText.Item(name: $0[0], quantity: $0[1], unitPrice: $0[2], sku: $0[3]) },
                  metadata: metadata.texts.map { MetadataEntry(key: $0[0], value: $0[1]) },
                  key: key.text, expires: expires.text).parsed(id: draftId)
    }

    /// The text field that has the focus, if the focus is on one.
    var focusedField: TextField? {
        switch focus {
        case .conversation: conversation
        case .description: description
        case .currency: currency
        case .amount: amount
        case .key: key
        case .expires: expires
        case .lineItems: lineItems.cell
        case .metadata: metadata.cell
        case .send: nil
        }
    }

    /// Compose after `command` (screen changes are the reducer's).
    func reduced(_ command: ComposeCommand) -> ComposeState {
        var s = self
        // Offers follow typing in a name cell only (`apply` turns them on again).
        s.offering = false
        s.offerIndex = 0
        // Entering a field (or a cell) selects its text, as forms do.
        defer { if command.movesFocus { s.selectFocused() } }
        switch command {
        case .next: s.move(forward: true)
        case .previous: s.move(forward: false)
        case .down:
            if let table = s.table, let moved = table.selectingRow(by: 1) { s.table = moved } else { s.focusField(forward: true) }
        case .up:
            if let table = s.table, let moved = table.selectingRow(by: -1) { s.table = moved } else { s.focusField(forward: false) }
        case .enter:
            if focus == .currency, let first = currencyMatches.first, resolvedCurrency == nil { s.currency = TextField(first.code) }
            s.move(forward: true)
        case .edit(let edit):
            s.apply(edit)
            s.refusal = []
        case .addRow:
            switch focus {
            case .lineItems: s.lineItems = lineItems.addingRow()
            case .metadata: s.metadata = metadata.addingRow()
            default:
                // From anywhere else, ^N adds a line item: the common case.
                s.focus = .lineItems
                s.lineItems = lineItems.addingRow()
            }
        case .deleteRow:
            if focus == .lineItems { s.lineItems = lineItems.deletingRow() }
            if focus == .metadata { s.metadata = metadata.deletingRow() }
        case .moveRow(let delta):
            if focus == .lineItems { s.lineItems = lineItems.movingRow(by: delta) }
            if focus == .metadata { s.metadata = metadata.movingRow(by: delta) }
        case .preview, .leave, .chooseOffer, .takeOffer:
            break
        }
        return s
    }

    /// Selects the focused field's (or cell's) text whole.
    mutating func selectFocused() {
        switch focus {
        case .conversation: conversation = conversation.selectingAll()
        case .description: description = description.selectingAll()
        case .currency: currency = currency.selectingAll()
        case .amount: amount = amount.selectingAll()
        case .key: key = key.selectingAll()
        case .expires: expires = expires.selectingAll()
        case .lineItems: lineItems = lineItems.selectingCell()
        case .metadata: metadata = metadata.selectingCell()
        case .send: break
        }
    }

    private var table: RowEditor? {
        get { focus == .lineItems ? lineItems : focus == .metadata ? metadata : nil }
        set {
            guard let newValue else { return }
            if focus == .lineItems { lineItems = newValue } else if focus == .metadata { metadata = newValue }
        }
    }

    /// Tab: the next cell of a table's row, else the next field; a currency left by Tab
    /// takes the first match of what was typed.
    private mutating func move(forward: Bool) {
        if let table, let moved = table.movingCell(by: forward ? 1 : -1) {
            self.table = moved
            return
        }
        if focus == .currency, resolvedCurrency == nil, let first = currencyMatches.first, !currency.text.isEmpty {
            currency = TextField(first.code)
        }
        focusField(forward: forward)
    }

    private mutating func focusField(forward: Bool) {
        let all = ComposeField.allCases
        let index = all.firstIndex(of: focus) ?? 0
        focus = all[(index + (forward ? 1 : all.count - 1)) % all.count]
        if let table { self.table = table.entered(forward: forward) }
    }

    private mutating func apply(_ edit: TextEdit) {
        switch focus {
        case .conversation: conversation = conversation.applying(edit)
        case .description: description = description.applying(edit)
        case .currency:
            currency = currency.applying(edit)
            // A code typed in lower case reads as the code once it names a currency: `eur` is EUR.
            if let match = resolvedCurrency, currency.text != match.code, currency.text.trimmingCharacters(in: .whitespaces).count == 3 {
                currency = TextField(match.code)
            }
        case .amount: amount = amount.applying(edit)
        case .key: key = key.applying(edit)
        case .expires: expires = expires.applying(edit)
        case .lineItems:
            if lineItems.rows.isEmpty, case .insert = edit { lineItems = lineItems.addingRow() }
            lineItems = lineItems.editing(edit)
            offering = lineItems.column == 0
        case .metadata:
            if metadata.rows.isEmpty, case .insert = edit { metadata = metadata.addingRow() }
            metadata = metadata.editing(edit)
        case .send: break
        }
    }
}
