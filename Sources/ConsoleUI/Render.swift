import Screen

/// The whole screen for `state` at `size`: a pure function, snapshot-tested as text and roles.
public func render(_ state: AppState, size: Size) -> Frame {
    var frame = Frame(size: size)
    guard size.fitsConsole else {
        let notices = ["Terminal too small: quiqpay needs \(Size.minimum), this is \(size).",
                       "Too small: need \(Size.minimum), have \(size)", "Too small (\(size))", "Too small"]
        let notice = notices.first { $0.count <= size.cols } ?? "Too small"
        frame.write(notice, row: 0, col: 0, role: .error)
        return frame
    }
    var laidOut = state
    laidOut.size = size
    let body = laidOut.body
    StatusLine.render(laidOut, into: &frame, row: 0)
    switch laidOut.screen {
    case .payments: PaymentsView.render(laidOut, into: &frame, body: body)
    case .compose: ComposeView.render(laidOut, into: &frame, body: body)
    case .preview: PreviewView.render(laidOut, into: &frame, body: body)
    case .detail: DetailView.render(laidOut, into: &frame, body: body)
    case .board: BoardView.render(laidOut, into: &frame, body: body)
    case .handshake: HandshakeView.render(laidOut, into: &frame, body: body)
    }
    if let toast = laidOut.toast { toast.render(into: &frame, row: size.rows - 2, area: body) }
    if laidOut.showingHelp || laidOut.confirm != nil || laidOut.prompt != nil { frame.cursor = nil }
    if let picker = laidOut.templatePicker {
        frame.cursor = picker.render(into: &frame, area: body, catalog: laidOut.catalog, currency: laidOut.newDraftCurrency)
    }
    if laidOut.showingHelp { HelpOverlay.render(laidOut, into: &frame, area: body) }
    if let confirm = laidOut.confirm { confirm.render(into: &frame, area: body) }
    if let prompt = laidOut.prompt {
        frame.cursor = prompt.render(into: &frame, row: size.rows - 1)
    } else {
        KeyBar.render(laidOut.keyLayers, into: &frame, row: size.rows - 1)
    }
    return frame
}
