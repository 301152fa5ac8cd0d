import ConsoleUI
import Foundation
import QuiqpayFiles

/// Writes a board export: in the current directory when it is writable, else in
/// `DataPaths.exportsDirectory` (`~/.local/share/quiqpay/exports`).
enum BoardExportFile {
    static func write(_ export: BoardExport, paths: DataPaths) throws(BoardExportError) -> String {
        let current = FileManager.default.currentDirectoryPath
        var directories: [String] = []
        if FileManager.default.isWritableFile(atPath: current) { directories.append(current) }
        directories.append(paths.exportsDirectory)
        var lastReason = "no directory to write to"
        for directory in directories {
            let path = directory + "/" + export.fileName
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try Data(export.csv.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
                return path
            } catch {
                lastReason = error.localizedDescription
            }
        }
        throw BoardExportError(directories: directories, reason: lastReason)
    }
}

/// No export could be written.
struct BoardExportError: Error, CustomStringConvertible {
    var directories: [String]
    var reason: String

    var description: String {
        "Could not write the CSV to \(directories.joined(separator: " or ")) (\(reason)): free some space or run quiqpay from a writable directory."
    }
}
