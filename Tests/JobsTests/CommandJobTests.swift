import Foundation
import Testing
@testable import Jobs

@Suite struct CommandJobTests {
    @Test func echoJobCompletesWithStatusesAndLog() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        let result = try harness.run("""
        command: echo "hello ${{inputs.who}} from ${{name}}" && echo to-stderr >&2
        environment:
          image: library/python:latest
        inputs:
          who: world
        """, name: "echo_job")
        #expect(result.status == .completed)
        #expect(result.error == nil)
        #expect(harness.sink.statuses(of: "echo_job") == [.notStarted, .queued, .preparing, .running, .finalizing, .completed])
        let log = harness.log("echo_job")
        #expect(log.contains("hello world from echo_job"))
        #expect(log.contains("to-stderr"))
        let streamed = harness.sink.events.compactMap { event -> String? in
            if case .log("echo_job", let text) = event { return text }
            return nil
        }.joined()
        #expect(streamed == log)
        #expect(harness.sink.events.contains { if case .processStarted("echo_job", let pid, _) = $0 { return pid > 0 } else { return false } })
    }

    @Test func failingCommandLeavesJobFailedWithLogs() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        let result = try harness.run("""
        command: echo "about to fail"; exit 3
        environment: azureml:env:1
        """, name: "fail_job")
        #expect(result.status == .failed)
        #expect(result.error?.code == "UserError")
        #expect(result.error?.message.contains("exited with status code 3") == true)
        #expect(result.error?.message.contains("Error: about to fail") == true)
        #expect(harness.log("fail_job").contains("about to fail"))
        #expect(harness.sink.statuses(of: "fail_job").last == .failed)
        #expect(!harness.sink.statuses(of: "fail_job").contains(.completed))
    }

    @Test func inputsAreMaterialisedAndOutputsCollected() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("data/rows.csv", "a,b\n1,2\n3,4\n")
        try harness.folder.write("src/count.sh", "#!/bin/sh\nwc -l < \"$1\" > \"$2/count.txt\"\necho \"$HELLO\" > outputs/note.txt\n", executable: true)
        let result = try harness.run("""
        code: src
        command: sh count.sh ${{inputs.rows}} ${{outputs.summary}} && ls ${{inputs.folder}}
        environment: azureml:env:1
        environment_variables:
          HELLO: hi there
        inputs:
          rows:
            type: uri_file
            path: data/rows.csv
          folder:
            type: uri_folder
            path: ./data
        outputs:
          summary:
        """, name: "io_job")
        #expect(result.status == .completed, "\(harness.log("io_job"))")
        let sandbox = JobSandbox(jobsRoot: harness.jobsRoot, name: "io_job")
        let copied = sandbox.inputsFolder.appendingPathComponent("rows/rows.csv")
        #expect(FileManager.default.fileExists(atPath: copied.path))
        let count = try String(contentsOf: try #require(result.outputs["summary"]).appendingPathComponent("count.txt"), encoding: .utf8)
        #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "3")
        #expect(harness.log("io_job").contains("rows.csv"))
        let note = try String(contentsOf: sandbox.workingDirectory.appendingPathComponent("outputs/note.txt"), encoding: .utf8)
        #expect(note == "hi there\n")
    }

    @Test func metricsFromTheRunFolderAreRead() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        let result = try harness.run("""
        command: >-
          mkdir -p $MLOPSLAB_RUN_DIR/metrics $MLOPSLAB_RUN_DIR/params &&
          echo "1700000000000 0.5 0" >> $MLOPSLAB_RUN_DIR/metrics/loss &&
          echo "1700000000001 0.25 1" >> $MLOPSLAB_RUN_DIR/metrics/loss &&
          printf 0.1 > $MLOPSLAB_RUN_DIR/params/lr
        environment: azureml:env:1
        """, name: "metrics_job")
        #expect(result.status == .completed)
        #expect(result.run.metrics["loss"]?.map(\.value) == [0.5, 0.25])
        #expect(result.run.metrics["loss"]?.map(\.step) == [0, 1])
        #expect(result.run.latestValue(of: "loss") == 0.25)
        #expect(result.run.params == ["lr": "0.1"])
    }

    @Test func timeoutStopsTheJob() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        let started = Date()
        let result = try harness.run("""
        command: echo started; sleep 30; echo never
        environment: azureml:env:1
        limits:
          timeout: 1
        """, name: "slow_job")
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == .canceled)
        #expect(result.error?.message.contains("limits.timeout of 1 seconds") == true)
        #expect(elapsed < 5)
        #expect(harness.log("slow_job").contains("started"))
        #expect(!harness.log("slow_job").contains("never"))
    }

    @Test func cancelRequestStopsARunningJob() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        let prepared = try harness.prepare("""
        command: echo running; sleep 30
        environment: azureml:env:1
        """, name: "cancel_job")
        let root = harness.jobsRoot
        let sandbox = JobSandbox(jobsRoot: root, name: "cancel_job")
        DispatchQueue.global().async {
            for _ in 0..<500 {
                if let info = sandbox.processInfo(), info.pid > 0 { break }
                Thread.sleep(forTimeInterval: 0.01)
            }
            _ = try? JobEngine.requestCancel(jobName: "cancel_job", jobsRoot: root)
        }
        let started = Date()
        let result = harness.engine.run(prepared)
        #expect(result.status == .canceled)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(harness.sink.statuses(of: "cancel_job").contains(.running))
        let pid = try #require(sandbox.processInfo()?.pid)
        #expect(!ChildProcess.isAlive(pid))
    }

    @Test func cancelOfUnknownJobIsAnError() throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        #expect(throws: JobsError.unknownJob("nope")) { try JobEngine.requestCancel(jobName: "nope", jobsRoot: folder.url) }
    }

    @Test func unknownBindingsAreSubmitErrorsWithFieldAndLine() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        do {
            _ = try harness.prepare("""
            environment: azureml:env:1
            inputs:
              lr: 0.1
            command: train --lr ${{inputs.rate}} --out ${{outputs.model}} --p ${{parent.inputs.x}}
            """)
            Issue.record("expected an error")
        } catch let error as JobSpecError {
            #expect(error.issues.count == 3)
            #expect(error.issues.allSatisfy { $0.field == "command" && $0.position.line == 4 })
            #expect(error.issues[0].message.contains("${{inputs.rate}} names no input of this job; declared inputs: lr"))
            #expect(error.issues[1].message.contains("declared outputs: (none)"))
            #expect(error.issues[2].message.contains("only valid in a pipeline step"))
        }
    }

    @Test func missingLocalInputIsASubmitError() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        do {
            _ = try harness.prepare("""
            command: cat ${{inputs.data}}
            environment: azureml:env:1
            code: nowhere
            inputs:
              data:
                type: uri_file
                path: missing.csv
            """)
            Issue.record("expected an error")
        } catch let error as JobSpecError {
            #expect(error.issues.map(\.category) == [.missingFile, .missingFile])
            #expect(Set(error.issues.map(\.field)) == ["code", "inputs.data.path"])
            #expect(error.issues.first { $0.field == "inputs.data.path" }?.position.line == 5)
            #expect(error.message.contains("One or more files or folders do not exist."))
        }
    }

    @Test func duplicateJobNameIsRefused() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        let yaml = "command: echo once\nenvironment: azureml:env:1\n"
        #expect(try harness.run(yaml, name: "same").status == .completed)
        #expect(throws: JobSpecError.self) { try harness.prepare(yaml, name: "same") }
        #expect(throws: JobSpecError.self) { try harness.prepare(yaml, name: "bad name!") }
    }

    @Test func codeHashFollowsTheCodeContent() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("src/train.sh", "echo v1\n")
        let yaml = "code: src\ncommand: sh train.sh\nenvironment: azureml:env:1\n"
        let first = try harness.prepare(yaml).codeHash
        let again = try harness.prepare(yaml).codeHash
        try harness.folder.write("src/train.sh", "echo v2\n")
        let changed = try harness.prepare(yaml).codeHash
        #expect(first?.count == 64)
        #expect(first == again)
        #expect(first != changed)
        #expect(try harness.prepare("command: echo\nenvironment: azureml:env:1\n").codeHash == nil)
    }

    @Test func generatedNamesLookLikeAzure() {
        let name = JobNameGenerator.generate()
        let parts = name.split(separator: "_")
        #expect(parts.count == 3)
        #expect(parts.last?.count == 10)
        #expect(JobNameGenerator.isValid(name))
    }
}
