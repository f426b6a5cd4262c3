/// Traffic maps of an online endpoint (`blue=90 green=10`) and the rules the service applies to them.
public enum TrafficRules {
    /// Parses az's `--traffic` / `--mirror-traffic` value: space-separated `name=percent` pairs.
    /// A comma or other delimiter is refused with az's own message.
    public static func parse(_ words: [String]) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for word in words.flatMap({ $0.split(separator: " ").map(String.init) }) where !word.isEmpty {
            guard let eq = word.firstIndex(of: "=") else {
                throw WorkspaceError.invalidArgument("Invalid traffic rule '\(word)': use name=percent pairs separated by spaces, e.g. --traffic \"blue=90 green=10\".")
            }
            let name = String(word[..<eq]), value = String(word[word.index(after: eq)...])
            guard !value.isEmpty, value.allSatisfy(\.isNumber), let percent = Int(value) else {
                throw WorkspaceError.invalidArgument("Do not add a delimiter between traffic variables")
            }
            result[name] = percent
        }
        return result
    }

    /// Checks a live-traffic map against the endpoint's deployments: known names, 0...100 each, total 0 or 100.
    public static func validate(traffic: [String: Int], deployments: Set<String>, endpoint: String) throws {
        for (name, percent) in traffic.sorted(by: { $0.key < $1.key }) {
            guard deployments.contains(name) else {
                throw WorkspaceError.failed("(BadArgument) Traffic rule references deployment '\(name)', which does not exist in endpoint \(endpoint). Existing deployments: \(deployments.sorted().joined(separator: ", ")).")
            }
            guard (0...100).contains(percent) else {
                throw WorkspaceError.failed("(BadArgument) Traffic for deployment '\(name)' must be between 0 and 100, got \(percent).")
            }
        }
        let total = traffic.values.reduce(0, +)
        guard total <= 100 else { throw WorkspaceError.failed("Traffic rule percentages must sum to less than or equal to 100%") }
        guard total == 0 || total == 100 else {
            throw WorkspaceError.failed("(BadArgument) Total traffic of endpoint \(endpoint) must be 0 or 100, got \(total) (\(describe(traffic))).")
        }
    }

    /// Checks a mirror-traffic map: at most one deployment, known, at most 50 %, and not one taking live traffic.
    public static func validate(mirror: [String: Int], traffic: [String: Int], deployments: Set<String>, endpoint: String) throws {
        let positive = mirror.filter { $0.value > 0 }
        guard positive.count <= 1 else {
            throw WorkspaceError.failed("(BadArgument) Mirror traffic can be set for one deployment only, got \(describe(positive)).")
        }
        for (name, percent) in positive {
            guard deployments.contains(name) else {
                throw WorkspaceError.failed("(BadArgument) Mirror traffic rule references deployment '\(name)', which does not exist in endpoint \(endpoint).")
            }
            guard percent <= 50 else {
                throw WorkspaceError.failed("(BadArgument) Mirror traffic for deployment '\(name)' cannot exceed 50%, got \(percent).")
            }
            guard (traffic[name] ?? 0) == 0 else {
                throw WorkspaceError.failed("(BadArgument) Deployment '\(name)' takes live traffic (\(traffic[name] ?? 0)%) and cannot also receive mirror traffic.")
            }
        }
    }

    /// `blue=90 green=10`, sorted by name.
    public static func describe(_ traffic: [String: Int]) -> String {
        traffic.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
