import Foundation
#if canImport(Glibc)
import Glibc
#endif

nonisolated(unsafe) private var interruptRaised: sig_atomic_t = 0

/// Catches Ctrl-C (SIGINT) while a command follows a job, so following stops and the job keeps
/// running (the job runs detached; only the follower is interrupted). The previous handler (the
/// REPL's line editor, or the default) is restored afterwards.
public enum InterruptWatch {
    /// Runs `body` with SIGINT caught; `body` polls the function it is given to see if Ctrl-C was pressed.
    public static func during<T>(_ body: (_ interrupted: () -> Bool) throws -> T) rethrows -> T {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptRaised = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previous = sigaction()
        interruptRaised = 0
        sigaction(SIGINT, &action, &previous)
        var interrupt = sigset_t(), previousMask = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, &previousMask)
        defer {
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
            sigaction(SIGINT, &previous, nil)
            interruptRaised = 0
        }
        return try body { interruptRaised != 0 }
    }
}
