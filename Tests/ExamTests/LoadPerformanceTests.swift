import Foundation
import Testing
@testable import Exam

/// Loading and validating 2,000 generated questions. The target (under 200 ms) applies to a
/// release build; this debug-build test only guards against gross regressions and prints the time.
/// Set EXAM_BENCH_DIR to also write the generated packs there (to time `mlopslab packs validate`).
@Suite struct LoadPerformanceTests {
    @Test func loadsTwoThousandQuestionsQuickly() throws {
        // Sequential parsing so that this thread's CPU time is the whole cost.
        let sources = GeneratedPacks.sources(total: 2000, files: 20)
        if let folder = ProcessInfo.processInfo.environment["EXAM_BENCH_DIR"], !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for source in sources { try Data(source.bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(source.file)) }
        }
        let outline = try TestSupport.outline
        // Thread CPU time, not wall time: other builds share the machine's cores.
        let start = Self.threadCPUSeconds()
        let loaded = BankLoader(outline: outline, parallel: false).load(sources: sources)
        let loadSeconds = Self.threadCPUSeconds() - start
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.prefix(3))")
        #expect(loaded.bank.questions.count == 2000)
        let lintStart = Self.threadCPUSeconds()
        _ = BankLinter(outline: outline).lint(loaded.bank)
        let lintSeconds = Self.threadCPUSeconds() - lintStart
        print("load+validate 2000 questions: \(Int(loadSeconds * 1000)) ms CPU; lint: \(Int(lintSeconds * 1000)) ms CPU")
        #expect(loadSeconds < 3)
        #expect(lintSeconds < 3)
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

@Suite struct ParallelLoadTests {
    @Test func parallelAndSequentialLoadsAgree() throws {
        let outline = try TestSupport.outline
        var sources = GeneratedPacks.sources(total: 300, files: 6)
        sources.append((file: "broken.yaml", bytes: Array("pack: x\ntitle: [\n".utf8)))
        sources.append(sources[0])
        let parallel = BankLoader(outline: outline).load(sources: sources)
        let sequential = BankLoader(outline: outline, parallel: false).load(sources: sources)
        #expect(parallel.diagnostics == sequential.diagnostics)
        #expect(parallel.bank.questions == sequential.bank.questions)
        #expect(parallel.bank.packs.map(\.id) == sequential.bank.packs.map(\.id))
        // 50 repeated question ids, the repeated pack id, one syntax error.
        #expect(parallel.diagnostics.count == 52)
    }
}
