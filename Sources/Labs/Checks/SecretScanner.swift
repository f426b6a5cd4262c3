import Foundation

/// Finds secrets in working files: values a fault planted, and the shapes of real credentials
/// (storage account keys, connection strings, SAS signatures, client secrets, API keys).
/// Findings name the file, line and kind of secret, never the secret itself.
public struct SecretScanner: Sendable {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var kind: String
        public var description: String { "\(file):\(line): \(kind)" }
    }

    let planted: [String]

    public init(planted: [String]) { self.planted = planted.filter { $0.count >= 8 } }

    static let patterns: [(String, NSRegularExpression)] = [
        ("a storage connection string", #"AccountKey=[A-Za-z0-9+/=]{20,}"#),
        ("a storage connection string", #"DefaultEndpointsProtocol=https?;AccountName="#),
        ("a SAS token signature", #"[?&]sig=[A-Za-z0-9%+/=]{20,}"#),
        ("a storage account key", #"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])"#),
        ("an OpenAI-style API key", #"\bsk-[A-Za-z0-9]{20,}"#),
        ("a client secret or password", #"(?i)\b(client_secret|password|passwd|api_key|apikey|secret_key|access_key)\b\s*[:=]\s*["']?(?!\$\{|\$\(|@Microsoft\.KeyVault|azureml://|<)[A-Za-z0-9~._+/=-]{12,}"#),
    ].compactMap { kind, pattern in (try? NSRegularExpression(pattern: pattern)).map { (kind, $0) } }

    /// Scans `paths` (files or folders, relative to `root`); every file when `paths` is empty.
    public func scan(root: URL, paths: [String]) -> [Finding] {
        var files: [URL] = []
        let starts = paths.isEmpty ? [root] : paths.compactMap { try? LabSandbox.contained($0, in: root, what: "the working folder") }
        for start in starts {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: start.path, isDirectory: &isFolder) else { continue }
            if !isFolder.boolValue { files.append(start); continue }
            guard let walker = FileManager.default.enumerator(at: start, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey]) else { continue }
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
                if url.lastPathComponent == ".git" || url.lastPathComponent == "__pycache__" { walker.skipDescendants(); continue }
                if values?.isRegularFile == true, (values?.fileSize ?? 0) <= 5_000_000 { files.append(url) }
            }
        }
        let base = root.standardizedFileURL.path
        return files.sorted { $0.path < $1.path }.flatMap { scan(file: $0, shownAs: String($0.standardizedFileURL.path.dropFirst(base.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))) }
    }

    func scan(file: URL, shownAs name: String) -> [Finding] {
        guard let data = FileManager.default.contents(atPath: file.path), !data.contains(0) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        var findings: [Finding] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineText = String(line)
            if planted.contains(where: { lineText.contains($0) }) {
                findings.append(Finding(file: name, line: index + 1, kind: "a secret planted in this lab"))
                continue
            }
            let range = NSRange(lineText.startIndex..., in: lineText)
            if let hit = Self.patterns.first(where: { $0.1.firstMatch(in: lineText, range: range) != nil }) {
                findings.append(Finding(file: name, line: index + 1, kind: hit.0))
            }
        }
        return findings
    }
}
