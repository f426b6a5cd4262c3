import Foundation
import Testing
@testable import Jobs

/// The pieces `az ml job create` uses to hand a job to a detached runner: the spawn itself, and
/// recovery of a job that has no process.json yet.
struct DetachedRunnerTests {
    @Test func aDetachedProcessGetsItsOwnSessionAndWritesOnlyToItsLog() throws {
        let folder = try TempFolder("detached")
        defer { folder.cleanUp() }
        let log = folder.url.appendingPathComponent("runners/r.log")
        let pid = try DetachedProcess.start(executable: "/bin/sh", arguments: ["-c", "echo out; echo err >&2; ls /proc/self/fd; sleep 0.3"],
                                            environment: ["PATH": "/usr/bin:/bin"], log: log)
        #expect(getsid(pid) == pid, "the runner leads its own session, so the terminal's signals never reach it")
        #expect(getsid(pid) != getsid(0))
        let deadline = Date().addingTimeInterval(5)
        while ChildProcess.isAlive(pid), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(!ChildProcess.isAlive(pid))
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.hasPrefix("out\nerr\n"))
        // `ls` sees 0, 1, 2 and its own directory handle: nothing else was inherited.
        let descriptors = text.split(separator: "\n").dropFirst(2).compactMap { Int($0) }
        #expect(descriptors.filter { $0 > 3 }.isEmpty, "inherited descriptors: \(descriptors)")
    }

    @Test func aMissingExecutableIsAClearError() throws {
        let folder = try TempFolder("detached")
        defer { folder.cleanUp() }
        #expect(throws: JobsError.self) {
            try DetachedProcess.start(executable: folder.url.appendingPathComponent("nope").path, arguments: [], environment: [:],
                                      log: folder.url.appendingPathComponent("r.log"))
        }
    }

    @Test func aJobWithoutProcessFileIsLeftAloneWhileItsLauncherLivesAndFailedOnceItIsGone() throws {
        let folder = try TempFolder("detached")
        defer { folder.cleanUp() }
        let sandbox = folder.url.appendingPathComponent("jobs/starting")
        let launcher = try ChildProcess.spawn(executable: "/bin/sh", arguments: ["-c", "sleep 30"], environment: ["PATH": "/usr/bin:/bin"],
                                              workingDirectory: folder.url, logFile: folder.url.appendingPathComponent("l.log"))
        let job = InProgressJob(name: "starting", sandbox: sandbox, launcherPid: launcher.pid)
        #expect(JobRecovery.recover([job]).isEmpty)
        #expect(JobRecovery.recover([InProgressJob(name: "starting", sandbox: sandbox, launcherPid: ChildProcess.currentPid)]).isEmpty)
        launcher.signalGroup(SIGKILL)
        _ = launcher.wait()
        let results = JobRecovery.recover([job])
        #expect(results.map(\.status) == [.failed])
        #expect(results.first?.error?.message == JobRecovery.unexpectedEndMessage)
    }

    @Test func startingMayOnlyLeadToQueuedOrAnEnd() {
        #expect(JobStatus.notStarted.canMove(to: .starting))
        #expect(JobStatus.starting.canMove(to: .queued))
        #expect(JobStatus.starting.canMove(to: .canceled))
        #expect(!JobStatus.starting.canMove(to: .running))
        #expect(!JobStatus.starting.isTerminal)
    }
}
