import Foundation

/// Writes a line to standard output at once, unbuffered: another program (a test, a script)
/// may be waiting for it, e.g. for the sandbox's base URL, while this process keeps running.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
