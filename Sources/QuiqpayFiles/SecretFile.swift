import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold secrets (the signing key, `sandbox.json`, the processor's keys): created with
/// mode 0600 from the start (never readable by others, not even for a moment), written to a
/// temporary name, synced, then renamed over the old one so a crash leaves either the old or
/// the new file. The one writer of such files.
public enum SecretFile {
    public static func write(_ data: Data, to path: String) throws(SecretFileError) {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o600)
        guard fd >= 0 else { throw SecretFileError(path: path, reason: "cannot create \(temporary): \(String(cString: strerror(errno)))") }
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
            throw SecretFileError(path: path, reason: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        chmod(path, 0o600)
    }

    /// Creates `path` and its parents with mode 0700.
    public static func makeDirectory(_ path: String) throws(SecretFileError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw SecretFileError(path: path, reason: "cannot create the folder \(path): check its permissions")
        }
    }
}

/// Why a secret file could not be written: the file and the system's reason, never its content.
public struct SecretFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    /// `cannot write PATH: No space left on device`.
    public var reason: String

    public var description: String { "\(reason.prefix(1).uppercased() + reason.dropFirst()): check the folder and free space." }
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
