import Foundation
import Testing
@testable import Jobs

@Suite struct RecoveryTests {
    /// Starts `sleep 30` in its own process group, as a stand-in for a runner or a job command.
    func sleeper(_ folder: TempFolder) throws -> ChildProcess {
        try ChildProcess.spawn(executable: "/bin/sh", arguments: ["-c", "sleep 30"], environment: ["PATH": "/usr/bin:/bin"],
                               workingDirectory: folder.url, logFile: folder.url.appendingPathComponent("sleeper.log"))
    }

    func makeSandbox(_ folder: TempFolder, name: String, pid: Int32, runnerPid: Int32) throws -> JobSandbox {
        let sandbox = JobSandbox(jobsRoot: folder.url.appendingPathComponent("jobs"), name: name)
        try sandbox.create()
        JobSandbox.append("epoch 1\n", to: sandbox.stdLog)
        let data = try JSONEncoder().encode(JobProcessInfo(pid: pid, runnerPid: runnerPid))
        try data.write(to: sandbox.processFile)
        return sandbox
    }

    @Test func jobWhoseRunnerDiedIsFailedAndItsCommandStopped() throws {
        let folder = try TempFolder("recovery")
        defer { folder.cleanUp() }
        let runner = try sleeper(folder)
        let command = try sleeper(folder)
        let sandbox = try makeSandbox(folder, name: "orphan", pid: command.pid, runnerPid: runner.pid)
        runner.signalGroup(SIGKILL)
        _ = runner.wait()
        #expect(ChildProcess.isAlive(command.pid))

        let results = JobRecovery.recover([InProgressJob(name: "orphan", sandbox: sandbox.root)])
        #expect(results.count == 1)
        #expect(results.first?.status == .failed)
        #expect(results.first?.error?.message == JobRecovery.unexpectedEndMessage)
        _ = command.wait()
        #expect(!ChildProcess.isAlive(command.pid))
        #expect(try String(contentsOf: sandbox.stdLog, encoding: .utf8) == "epoch 1\n")
        // A second start-up finds the stored result instead of inventing a new one.
        let again = JobRecovery.recover([InProgressJob(name: "orphan", sandbox: sandbox.root)])
        #expect(again.first?.status == .failed)
    }

    @Test func jobWithALiveRunnerIsLeftAlone() throws {
        let folder = try TempFolder("recovery")
        defer { folder.cleanUp() }
        let runner = try sleeper(folder)
        defer { runner.signalGroup(SIGKILL); _ = runner.wait() }
        let sandbox = try makeSandbox(folder, name: "alive", pid: 0, runnerPid: runner.pid)
        #expect(JobRecovery.recover([InProgressJob(name: "alive", sandbox: sandbox.root)]).isEmpty)
        let own = try makeSandbox(folder, name: "mine", pid: 0, runnerPid: ChildProcess.currentPid)
        #expect(JobRecovery.recover([InProgressJob(name: "mine", sandbox: own.root)]).isEmpty)
    }

    @Test func cancelWhileTheRunnerIsGoneStopsTheCommandAndRecoversAsCanceled() throws {
        let folder = try TempFolder("recovery")
        defer { folder.cleanUp() }
        let runner = try sleeper(folder)
        let command = try sleeper(folder)
        let sandbox = try makeSandbox(folder, name: "lost", pid: command.pid, runnerPid: runner.pid)
        runner.signalGroup(SIGKILL)
        _ = runner.wait()
        #expect(try JobEngine.requestCancel(jobName: "lost", jobsRoot: folder.url.appendingPathComponent("jobs")))
        _ = command.wait()
        let results = JobRecovery.recover([InProgressJob(name: "lost", sandbox: sandbox.root)])
        #expect(results.first?.status == .canceled)
    }

    @Test func statusMachineAllowsOnlyForwardMoves() {
        #expect(JobStatus.notStarted.canMove(to: .queued))
        #expect(JobStatus.running.canMove(to: .finalizing))
        #expect(JobStatus.running.canMove(to: .failed))
        #expect(!JobStatus.completed.canMove(to: .running))
        #expect(!JobStatus.queued.canMove(to: .completed))
        #expect(JobStatus.allCases.filter(\.isTerminal) == [.completed, .failed, .canceled])
    }
}

@Suite struct StreamTests {
    let workspace = WorkspaceContext(subscriptionId: "sub-1", resourceGroup: "rg-1", workspaceName: "ws-1")

    @Test func headerAndSummaryFollowAz() {
        let header = JobStreamFormat.header(job: "job1", type: "command", workspace: workspace)
        #expect(header == """
        RunId: job1
        Web View: https://ml.azure.com/runs/job1?wsid=/subscriptions/sub-1/resourcegroups/rg-1/workspaces/ws-1

        Streaming user_logs/std_log.txt
        ===============================


        """)
        let pipeline = JobStreamFormat.header(job: "p", type: "pipeline", workspace: workspace)
        #expect(pipeline.contains("Streaming logs/azureml/executionlogs.txt\n" + String(repeating: "=", count: 40) + "\n"))
        #expect(JobStreamFormat.summary(job: "job1", workspace: workspace).hasPrefix("\nExecution Summary\n=================\nRunId: job1\nWeb View: https://ml.azure.com/runs/job1?"))
        let failure = JobStreamFormat.failure(JobErrorInfo(code: "UserError", message: "exit \"3\""))
        #expect(failure.contains("\"message\": \"exit \\\"3\\\"\""))
        #expect(failure.hasPrefix("Exception : \n {"))
    }

    @Test func streamingFollowsARunningJobUntilItEnds() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        let prepared = try harness.prepare("""
        command: echo first; sleep 0.3; echo second
        environment: azureml:env:1
        """, name: "streamed")
        let engine = harness.engine
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            engine.run(prepared)
            done.signal()
        }
        let sink = harness.sink
        var output = ""
        let final = JobStreamer.stream(job: "streamed", type: "command", sandbox: prepared.sandbox, workspace: workspace,
                                       currentStatus: { sink.statuses(of: "streamed").last }, write: { output += $0 },
                                       pollInterval: 0.02, maximumWait: 10)
        done.wait()
        #expect(final == .completed)
        #expect(output.hasPrefix("RunId: streamed\n"))
        let first = try #require(output.range(of: "first\n"))
        let second = try #require(output.range(of: "second\n"))
        let summary = try #require(output.range(of: "Execution Summary"))
        #expect(first.lowerBound < second.lowerBound && second.lowerBound < summary.lowerBound)
    }
}
