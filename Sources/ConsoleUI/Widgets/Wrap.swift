/// `text` in lines of at most `width` columns: broken at the last space that fits when it is in
/// the line's second half, else inside the word, so prose wraps at words while `url: <a long
/// link>` keeps the link beside its name. Leading spaces (indentation) are kept; a continuation
/// line starts at its first non-space.
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    guard text.columns > width else { return [text] }
    var lines: [String] = []
    var current = ""
    var columns = 0
    for character in text {
        let w = character.columns
        if columns + w > width {
            if character == " " {  // the line fits exactly: the space is the break
                lines.append(current)
                current = ""
                columns = 0
                continue
            }
            if let space = current.lastIndex(of: " "), current[..<space].columns > width / 2 {
                lines.append(String(current[..<space]))
                current = String(current[current.index(after: space)...])
            } else {
                lines.append(current)
                current = ""
            }
            columns = current.columns
        }
        if current.isEmpty, character == " ", !lines.isEmpty { continue }
        current.append(character)
        columns += w
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}
