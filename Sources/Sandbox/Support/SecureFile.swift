import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold secrets (the signing key, `sandbox.json`): created with mode 0600 from the
/// start (never readable by others, not even for a moment), written to a temporary name, synced,
/// then renamed over the old one so a crash leaves either the old or the new file.
enum SecureFile {
    static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-" + RandomText.base62(count: 8)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o600)
        guard fd >= 0 else { throw SandboxStartError.file("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var ok = true
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let written = Glibc_write(fd, base + offset, raw.count - offset)
                if written <= 0 { ok = false; return }
                offset += written
            }
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SandboxStartError.file("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        chmod(path, 0o600)
    }

    /// Creates `path` and its parents with mode 0700.
    static func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw SandboxStartError.file("cannot create the data directory \(path): check its permissions")
        }
    }
}

private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
    return Darwin.write(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(fd, buffer, count)
    #else
    return Glibc.write(fd, buffer, count)
    #endif
}
