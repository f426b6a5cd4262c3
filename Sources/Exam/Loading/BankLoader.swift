import Foundation

/// The result of loading several pack files: the bank of every pack that could be read and
/// every problem found, sorted by file, line and column.
public struct BankLoadResult: Sendable {
    public var bank: Bank
    public var diagnostics: [Diagnostic]
    /// The files that were read, in load order.
    public var files: [String]

    public init(bank: Bank, diagnostics: [Diagnostic], files: [String]) {
        self.bank = bank
        self.diagnostics = diagnostics
        self.files = files
    }
}

/// Loads pack files and folders into a `Bank`, checking ids for uniqueness across files.
public struct BankLoader: Sendable {
    public let parser: PackParser
    /// Whether files are parsed on several threads (results are the same either way).
    public let parallel: Bool

    public init(outline: Outline, parallel: Bool = true) {
        self.parser = PackParser(outline: outline)
        self.parallel = parallel
    }

    /// Loads the given files and folders (folders: every `*.yaml`/`*.yml` below, sorted by path).
    public func load(paths: [String]) -> BankLoadResult {
        var diagnostics: [Diagnostic] = []
        var files: [String] = []
        for path in paths {
            switch Self.expand(path) {
            case .success(let found): files += found
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        var seen = Set<String>()
        files = files.filter { seen.insert($0).inserted }
        var sources: [(file: String, bytes: [UInt8])] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                diagnostics.append(Diagnostic(file: file, line: 0, column: 0, message: "cannot read the file; check that it exists and is readable"))
                continue
            }
            sources.append((file, Array(data)))
        }
        var result = load(sources: sources)
        result.diagnostics = (diagnostics + result.diagnostics).sorted()
        result.files = files
        return result
    }

    /// Loads packs from in-memory sources, in the order given (used by tests and benchmarks).
    public func load(sources: [(file: String, bytes: [UInt8])]) -> BankLoadResult {
        var diagnostics: [Diagnostic] = []
        var packs: [Pack] = []
        var firstPack: [String: SourceLocation] = [:]
        var firstItem: [String: IDDeclaration] = [:]
        var acceptedQuestionIDs = Set<String>()
        for result in parseAll(sources) {
            diagnostics += result.diagnostics
            for declaration in result.declarations {
                switch declaration.kind {
                case .pack:
                    if let first = firstPack[declaration.id] {
                        diagnostics.append(Diagnostic(at: declaration.location, "duplicate pack id `\(declaration.id)`; first declared at \(first)"))
                    } else {
                        firstPack[declaration.id] = declaration.location
                    }
                case .question, .caseStudy:
                    if let first = firstItem[declaration.id] {
                        diagnostics.append(Diagnostic(at: declaration.location, "duplicate id `\(declaration.id)` (\(declaration.kind.rawValue)); first declared at \(first.location) (\(first.kind.rawValue))"))
                    } else {
                        firstItem[declaration.id] = declaration
                    }
                }
            }
            if var pack = result.pack {
                // A second declaration of an id is dropped so the bank's lookups stay unambiguous.
                pack.questions = pack.questions.filter { acceptedQuestionIDs.insert($0.id).inserted }
                pack.caseStudies = pack.caseStudies.map { study in
                    var study = study
                    study.questions = study.questions.filter { acceptedQuestionIDs.insert($0.id).inserted }
                    return study
                }
                packs.append(pack)
            }
        }
        return BankLoadResult(bank: Bank(packs: packs), diagnostics: diagnostics.sorted(), files: sources.map(\.file))
    }

    /// Parses every source, in parallel across files; results keep the input order.
    private func parseAll(_ sources: [(file: String, bytes: [UInt8])]) -> [PackParseResult] {
        let parser = self.parser
        guard parallel, sources.count > 1 else { return sources.map { parser.parse(bytes: $0.bytes, file: $0.file) } }
        let results = ResultSlots(count: sources.count)
        DispatchQueue.concurrentPerform(iterations: sources.count) { index in
            guard sources.indices.contains(index) else { return }
            results.set(index, parser.parse(bytes: sources[index].bytes, file: sources[index].file))
        }
        return results.values
    }

    /// The pack files a path names: itself, or every YAML file below a folder, sorted.
    static func expand(_ path: String) -> Result<[String], Diagnostic> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Diagnostic(file: path, line: 0, column: 0, message: "no such file or folder"))
        }
        guard isDirectory.boolValue else { return .success([path]) }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            return .failure(Diagnostic(file: path, line: 0, column: 0, message: "cannot list the folder"))
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") else { continue }
            let full = (path as NSString).appendingPathComponent(relative)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { files.append(full) }
        }
        return .success(files.sorted())
    }
}

/// Fixed slots filled from concurrent workers, one slot per index.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [PackParseResult?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: PackParseResult) {
        lock.lock()
        defer { lock.unlock() }
        if slots.indices.contains(index) { slots[index] = result }
    }

    var values: [PackParseResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
