#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import Synchronization

/// The last quit signal received (SIGINT, SIGTERM, SIGHUP), 0 for none. Atomic because a
/// signal handler writes it; lock-free atomics are safe there.
private let quitSignalNumber = Atomic<Int32>(0)

/// Set by `Waker.wake()`, so an input wait cut short by it is not taken for a closed terminal.
let wakeRequested = Atomic<Bool>(false)

/// Set by the SIGTSTP handler (Ctrl-Z): the UI thread gives the terminal back and stops
/// itself. curses' own handler would run on whichever thread got the signal, racing the UI
/// thread's drawing; this one only flags and wakes.
let suspendRequested = Atomic<Bool>(false)

/// The UI thread, which the SIGTSTP handler wakes. Written once at install, before the handler.
nonisolated(unsafe) private var uiThread: pthread_t?

/// The handlers in place before ours, so a crash still reaches Swift's backtracer.
/// Written once at install (before any crash can be handled), read only by the crash handler.
nonisolated(unsafe) private var previousCrashActions = [SignalAction](repeating: SignalAction(), count: 65)

/// The C struct, named apart from the C function of the same name.
typealias SignalAction = sigaction

/// Signals that end the program: the UI loop sees them as a flag and quits cleanly.
public enum Signals {
    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// The quit signal received since start, if any: the loop checks it between waits.
    public static var quitRequested: Int32? {
        let n = quitSignalNumber.load(ordering: .relaxed)
        return n == 0 ? nil : n
    }

    /// Installs flag-setting handlers for SIGINT/SIGTERM/SIGHUP and SIGTSTP, a no-op SIGUSR1
    /// handler that only interrupts the input wait (`Waker`), and crash handlers that restore
    /// the terminal before the crash report. Call on the UI thread before `newterm`, so
    /// ncurses keeps out of them.
    static func install() {
        for signal in quitSignals {
            setHandler(signal, flags: 0) { number in quitSignalNumber.store(number, ordering: .relaxed) }
        }
        setHandler(SIGUSR1, flags: 0) { _ in }
        uiThread = pthread_self()
        installSuspendHandler()
        for signal in crashSignals {
            var previous = SignalAction()
            sigaction(signal, nil, &previous)
            previousCrashActions[Int(signal)] = previous
            var action = SignalAction()
            action.__sigaction_handler.sa_sigaction = { number, info, _ in
                // Restore the terminal first so the report that follows is readable.
                endwin()
                var old = previousCrashActions[Int(number)]
                sigaction(number, &old, nil)
                // A real fault re-executes on return and reaches the previous handler (Swift's
                // backtracer) with its true context; a sent or raised signal is raised again.
                let sent = (info?.pointee.si_code ?? 0) <= 0
                guard sent || number == SIGABRT || number == SIGTRAP else { return }
                var mask = sigset_t()
                sigemptyset(&mask)
                sigaddset(&mask, number)
                sigprocmask(SIG_UNBLOCK, &mask, nil)
                raise(number)
                // The previous handler returned: the process must still end, as the signal meant.
                var fallback = SignalAction()
                fallback.__sigaction_handler.sa_handler = SIG_DFL
                sigaction(number, &fallback, nil)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(SA_SIGINFO)
            sigaction(signal, &action, nil)
        }
    }

    /// Only the no-op SIGUSR1 handler that lets `Waker` cut an input wait short: what a
    /// headless screen needs, without taking over the process's quit or crash signals.
    static func installWake() {
        setHandler(SIGUSR1, flags: 0) { _ in }
    }

    private static func installSuspendHandler() {
        setHandler(SIGTSTP, flags: 0) { _ in
            suspendRequested.store(true, ordering: .releasing)
            // Only async-signal-safe calls here: pthread_self, pthread_equal and pthread_kill are.
            if let thread = uiThread, pthread_equal(thread, pthread_self()) == 0 { pthread_kill(thread, SIGUSR1) }
        }
    }

    /// Stops the process as Ctrl-Z means (the default SIGTSTP action) and returns once the
    /// shell continued it (`fg`); then our handler is back in place. Call with the terminal given back.
    static func stopUntilContinued() {
        var action = SignalAction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        sigaction(SIGTSTP, &action, nil)
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGTSTP)
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        raise(SIGTSTP)  // stops here until SIGCONT
        installSuspendHandler()
    }

    /// Puts back the default quit handlers once the terminal is restored. The no-op SIGUSR1
    /// handler stays, so a late `Waker.wake()` from a finishing task cannot kill the process.
    static func uninstall() {
        for signal in quitSignals + [SIGTSTP] {
            var action = SignalAction()
            action.__sigaction_handler.sa_handler = SIG_DFL
            sigaction(signal, &action, nil)
        }
        for signal in crashSignals {
            var old = previousCrashActions[Int(signal)]
            sigaction(signal, &old, nil)
        }
    }

    private static func setHandler(_ signal: Int32, flags: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = SignalAction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags  // no SA_RESTART: the input wait returns early
        sigaction(signal, &action, nil)
    }
}

/// Wakes the UI thread from its input wait so actions queued by background tasks are
/// handled at once rather than at the next clock tick. Safe to use from any thread, before
/// and after the terminal stops: once it stopped, waking does nothing.
public struct Waker: Sendable {
    let target: WakeTarget

    /// Interrupts the UI thread's wait (a no-op signal, SIGUSR1); without it the wait ends
    /// at the next clock tick anyway, within a second.
    public func wake() {
        target.wake()
    }
}

/// The UI thread a `Waker` signals, for as long as its terminal runs. The lock makes retiring
/// and waking exclusive: a thread that stopped its terminal, and then exited (a headless
/// console's own thread), is never sent a signal; `pthread_kill` on an exited thread is undefined.
final class WakeTarget: Sendable {
    private let thread = Mutex<pthread_t?>(nil)

    /// The calling thread becomes the one woken; where the SIGUSR1 handler is installed (every
    /// `Terminal` installs it), since elsewhere the signal would kill.
    func claim() {
        let me = pthread_self()
        thread.withLock { $0 = me }
    }

    func retire() {
        thread.withLock { $0 = nil }
    }

    func wake() {
        thread.withLock { thread in
            guard let thread else { return }
            wakeRequested.store(true, ordering: .releasing)
            pthread_kill(thread, SIGUSR1)
        }
    }
}
