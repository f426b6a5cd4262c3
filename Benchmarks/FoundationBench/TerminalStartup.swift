import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Start-up of the REPL at a terminal: `mlopslab` runs on a pseudo-terminal (so it sets up
/// libedit, loads the history in its home and builds Tab completion), and the time is taken from
/// just before the process is started until its first prompt has been written to the terminal.
/// Ctrl-D then ends it, and the time to its exit is reported too.
enum TerminalStartup {
    static let prompt = "mlopslab> "

    /// A libedit history file (format `_HiStOrY_V2_`, spaces as `\040`) of `lines` distinct commands.
    static func writeHistory(lines: Int, home: URL) throws {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let areas = FoundationBenchMain.areas.map(\.0)
        var text = "_HiStOrY_V2_\n"
        for i in 0..<lines {
            let command: String
            switch i % 4 {
            case 0: command = "practice --area \(areas[i % areas.count]) --count \(i % 20 + 1) --seed \(i)"
            case 1: command = "az ml data show --name d\(i) --version \(i % 9 + 1) --query version -o tsv"
            case 2: command = "scorecard --format \(["text", "json", "markdown", "html"][i % 4]) --out card-\(i).txt"
            default: command = "self-assess --area \(areas[i % areas.count]) --rating \(["red", "yellow", "green"][i % 3])"
            }
            text += command.replacingOccurrences(of: " ", with: "\\040") + "\n"
        }
        try text.write(to: home.appendingPathComponent("history"), atomically: true, encoding: .utf8)
    }

    struct Sample {
        var toPrompt: Double
        var toExit: Double
    }

    /// Runs `mlopslab --home HOME` `runs` times after `warmups` unmeasured runs.
    static func measure(binary: String, home: String, runs: Int, warmups: Int = 3) throws -> [Sample] {
        var samples: [Sample] = []
        for index in 0..<(runs + warmups) {
            let sample = try once(binary: binary, home: home)
            if index >= warmups { samples.append(sample) }
        }
        return samples
    }

    static func report(_ samples: [Sample]) -> String {
        func line(_ name: String, _ values: [Double]) -> String {
            let sorted = values.sorted()
            guard let first = sorted.first, let last = sorted.last else { return "\(name): no samples" }
            let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            let mean = values.reduce(0, +) / Double(values.count)
            return String(format: "%@: median %.1f ms, mean %.1f ms, min %.1f ms, max %.1f ms (%d runs)", name, median * 1000, mean * 1000, first * 1000, last * 1000, values.count)
        }
        return line("start to first prompt", samples.map(\.toPrompt)) + "\n" + line("start to exit after Ctrl-D", samples.map(\.toExit))
    }

    private static func once(binary: String, home: String) throws -> Sample {
        let terminal = try PseudoTerminal()
        defer { close(terminal.master) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--home", home]
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = environment["TERM"].flatMap { $0 == "dumb" ? nil : $0 } ?? "xterm"
        process.environment = environment
        let slave = FileHandle(fileDescriptor: terminal.slave, closeOnDealloc: true)
        process.standardInput = slave
        process.standardOutput = slave
        process.standardError = slave
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        try slave.close()
        var seen = Data()
        var toPrompt: Double?
        while toPrompt == nil {
            var poller = pollfd(fd: terminal.master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 5_000) > 0 else { throw BenchError.failed("no prompt within 5 s: \(String(decoding: seen, as: UTF8.self))") }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { read(terminal.master, $0.baseAddress, 4096) }
            guard n > 0 else { throw BenchError.failed("the terminal closed before the prompt") }
            seen.append(contentsOf: chunk[0..<n])
            if String(decoding: seen, as: UTF8.self).contains(prompt) {
                toPrompt = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
        }
        // Let libedit reach its read before typing Ctrl-D, as a person would.
        usleep(20_000)
        _ = [UInt8(4)].withUnsafeBytes { write(terminal.master, $0.baseAddress, 1) }
        var drain = [UInt8](repeating: 0, count: 4096)
        while process.isRunning {
            var poller = pollfd(fd: terminal.master, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 10) > 0 { _ = drain.withUnsafeMutableBytes { read(terminal.master, $0.baseAddress, 4096) } }
        }
        process.waitUntilExit()
        let toExit = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 - 0.020
        return Sample(toPrompt: toPrompt ?? 0, toExit: toExit)
    }

    enum BenchError: Error { case failed(String) }
}

/// A pseudo-terminal pair. glibc's posix_openpt, grantpt, unlockpt and ptsname are declared
/// behind _XOPEN_SOURCE, which Swift's Glibc module does not define, so they are looked up.
struct PseudoTerminal {
    let master: Int32
    let slave: Int32

    init() throws {
        typealias IntFunction = @convention(c) (Int32) -> Int32
        typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        let library = dlopen(nil, RTLD_NOW)
        guard let openSymbol = dlsym(library, "posix_openpt"), let grantSymbol = dlsym(library, "grantpt"),
              let unlockSymbol = dlsym(library, "unlockpt"), let nameSymbol = dlsym(library, "ptsname") else {
            throw TerminalStartup.BenchError.failed("pseudo-terminal functions not found")
        }
        let master = unsafeBitCast(openSymbol, to: IntFunction.self)(O_RDWR | O_NOCTTY)
        guard master >= 0, unsafeBitCast(grantSymbol, to: IntFunction.self)(master) == 0,
              unsafeBitCast(unlockSymbol, to: IntFunction.self)(master) == 0,
              let name = unsafeBitCast(nameSymbol, to: NameFunction.self)(master) else {
            throw TerminalStartup.BenchError.failed("no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw TerminalStartup.BenchError.failed("cannot open \(String(cString: name))") }
        self.master = master
        self.slave = slave
    }
}
