#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PaymentCore
import QuiqClient

/// `catalog.yaml` as the console sees it: read at start, and again whenever the file changed
/// (checked with one `stat` on the loop's tick every few seconds), so an agent who adds a
/// product does not restart the console. A broken edit is said once and the last good
/// catalogue stays in use.
struct CatalogSource {
    private let path: String
    private var seen: Stamp?

    /// What identifies a version of the file without reading it: inode, size, modification time.
    private struct Stamp: Equatable {
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }

    init(path: String) {
        self.path = path
    }

    enum Outcome: Equatable {
        case loaded(ProductCatalog)
        /// The file's problem, in one sentence with its line and field.
        case failed(String)
    }

    /// What the file holds now, or nil when it is unchanged since the last call. A file that
    /// was never there is nil too; one removed since gives an empty catalogue.
    mutating func refresh() -> Outcome? {
        let stamp = Self.stamp(path)
        guard stamp != seen else { return nil }
        let existed = seen != nil
        seen = stamp
        do {
            if let catalog = try CatalogFile.load(path: path) { return .loaded(catalog) }
            return existed ? .loaded(ProductCatalog()) : nil
        } catch {
            return .failed(error.description)
        }
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(inode: UInt64(info.st_ino), size: Int64(info.st_size),
                     seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
    }
}
