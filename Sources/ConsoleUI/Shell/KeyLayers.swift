import Screen

/// One layer of key handling: a key map, and, for a screen with a text field, where the
/// edits and typed characters that no binding took go.
public struct KeyLayer: Sendable {
    public var map: KeyMap<Action>
    /// The action for an edit of the focused text field; nil when this layer has none.
    public var textInput: (@Sendable (TextEdit) -> Action)?

    public init(_ map: KeyMap<Action>, textInput: (@Sendable (TextEdit) -> Action)? = nil) {
        self.map = map
        self.textInput = textInput
    }

    /// What `key` does in this layer: a binding, else a text edit or a typed character.
    func action(for key: KeyEvent) -> Action? {
        if let action = map.command(for: key) { return action }
        guard let textInput else { return nil }
        if let edit = TextField.keyMap.command(for: key) { return textInput(edit) }
        if let c = key.typedCharacter { return textInput(.insert(String(c))) }
        return nil
    }

    /// Whether this layer takes `key` before any later layer sees it.
    func takes(_ key: KeyEvent) -> Bool { action(for: key) != nil }
}

extension AppState {
    /// The layers that answer keys right now, most specific first: the one precedence that
    /// dispatch, the `?` help and the key bar all read, so they cannot disagree.
    public var keyLayers: [KeyLayer] {
        if confirm != nil { return [KeyLayer(ConfirmDialog.keyMap)] }
        if prompt != nil { return [KeyLayer(CommandPrompt.keyMap) { .prompt(.edit($0)) }] }
        if templatePicker != nil { return [KeyLayer(TemplatePicker.keyMap) { .templatePicker(.filter($0)) }] }
        if showingHelp { return [KeyLayer(HelpOverlay.keyMap)] }
        return screenLayers
    }

    /// The layers of the screen itself, under any dialog, prompt or help: what help describes.
    /// A read-only console (`--readonly`) offers no key that posts into a conversation.
    public var screenLayers: [KeyLayer] {
        guard board.readOnly else { return writableScreenLayers }
        return writableScreenLayers.map { layer in
            KeyLayer(KeyMap(layer.map.title, layer.map.bindings.filter { !$0.command.postsIntoConversation }), textInput: layer.textInput)
        }
    }

    private var writableScreenLayers: [KeyLayer] {
        switch screen {
        case .compose where !(compose?.offers(in: catalog).isEmpty ?? true):
            // The catalogue offers products for the name being typed: ↓/↑ and Enter are theirs.
            return [KeyLayer(ComposeKeyMap.offerKeyMap), KeyLayer(ComposeKeyMap.keyMap) { .compose(.edit($0)) }, KeyLayer(GlobalKeyMap.keyMap)]
        case .compose:
            return [KeyLayer(ComposeKeyMap.keyMap) { .compose(.edit($0)) }, KeyLayer(GlobalKeyMap.keyMap)]
        case .board where board.editingFilter:
            return [KeyLayer(BoardKeyMap.filterKeyMap) { .board(.filter($0)) }]
        case .board where board.detailID != nil:
            return [KeyLayer(BoardKeyMap.detailKeyMap)]
        default:
            return [KeyLayer(AppState.keyMap(for: screen)), KeyLayer(GlobalKeyMap.keyMap)]
        }
    }
}

extension Array where Element == KeyLayer {
    /// What `key` does: the first layer that takes it decides.
    func action(for key: KeyEvent) -> Action? {
        for layer in self {
            if let action = layer.action(for: key) { return action }
        }
        return nil
    }

    /// Each layer's map with the bindings an earlier layer shadows left out: a global `q` is
    /// not listed where a text field takes the letter, nor a global key the screen rebinds.
    var effectiveMaps: [KeyMap<Action>] {
        enumerated().map { index, layer in
            let earlier = self[..<index]
            return KeyMap(layer.map.title, layer.map.bindings.filter { binding in
                !earlier.contains { $0.takes(binding.key) }
            })
        }
    }
}

extension Action {
    /// Whether the action posts into a customer's conversation: what a read-only console leaves out.
    var postsIntoConversation: Bool {
        switch self {
        case .detail(.resendLink), .board(.resendLink): true
        default: false
        }
    }
}
