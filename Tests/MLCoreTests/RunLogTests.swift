import Foundation
import Testing
@testable import MLCommands

@Suite("Run log")
struct RunLogTests {
    private func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runlog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesMLflowFileStoreLayout() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = RunLog(directory: dir, clock: { 1_700_000_000_000 })
        try log.logParam("algorithm", "logistic-regression")
        try log.logParam("algorithm", "logistic-regression")
        try log.logMetric("loss", 0.5, step: 0)
        try log.logMetric("loss", 0.25, step: 1)
        try log.setTag("mlopslab.command", "ml train")
        let param = try String(contentsOf: dir.appendingPathComponent("params/algorithm"), encoding: .utf8)
        #expect(param == "logistic-regression")
        let metric = try String(contentsOf: dir.appendingPathComponent("metrics/loss"), encoding: .utf8)
        #expect(metric == "1700000000000 0.5 0\n1700000000000 0.25 1\n")
        #expect(try String(contentsOf: dir.appendingPathComponent("tags/mlopslab.command"), encoding: .utf8) == "ml train")
    }

    @Test func refusesChangedParamsBadKeysAndNaN() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = RunLog(directory: dir)
        try log.logParam("seed", "1")
        #expect(throws: RunLogError.paramChanged(key: "seed", old: "1", new: "2")) { try log.logParam("seed", "2") }
        #expect(throws: RunLogError.invalidKey("../escape")) { try log.logParam("../escape", "x") }
        #expect(throws: RunLogError.nonFiniteMetric(key: "auc")) { try log.logMetric("auc", .nan) }
    }

    @Test func environmentSelectsTheRunFolder() {
        #expect(RunLog.current(environment: [:]) == nil)
        #expect(RunLog.current(environment: ["MLOPSLAB_RUN_DIR": "/tmp/run1"])?.directory.path == "/tmp/run1")
    }

    @Test func copiesArtifacts() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("scored.csv")
        try Data("a\n1\n".utf8).write(to: file)
        let log = RunLog(directory: dir.appendingPathComponent("run"))
        try log.logArtifact(at: file.path)
        let copied = try String(contentsOf: dir.appendingPathComponent("run/artifacts/scored.csv"), encoding: .utf8)
        #expect(copied == "a\n1\n")
    }
}
