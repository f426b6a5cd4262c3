import Foundation

/// Generates valid pack YAML of any size for load benchmarks: every question type, varied
/// areas, objectives and difficulties, distinct stems.
enum GeneratedPacks {
    static let areas = ["workspace-assets", "cicd", "deployment-inference", "genai-platform", "genai-quality", "security-governance"]
    static let objectives = ["1.1a", "1.3c", "2.3c", "3.2b", "4.1b", "1.1d"]

    /// `files` packs holding `total` questions together.
    static func sources(total: Int, files: Int) -> [(file: String, bytes: [UInt8])] {
        let perFile = max(1, total / max(1, files))
        return (0..<files).map { f in
            let start = f * perFile
            let count = f == files - 1 ? total - start : perFile
            return (file: "gen-\(f).yaml", bytes: Array(pack(index: f, questions: start..<(start + count)).utf8))
        }
    }

    static func pack(index: Int, questions: Range<Int>) -> String {
        var yaml = "pack: gen-\(index)\ntitle: Generated pack \(index)\nversion: 1\noutline: ai300-2026-03-05\nquestions:\n"
        for i in questions { yaml += question(i) }
        return yaml
    }

    static func question(_ i: Int) -> String {
        let header = """
          - id: gen-\(i)
            area: \(areas[i % areas.count])
            objective: \(objectives[i % objectives.count])
            difficulty: \(["easy", "medium", "hard"][i % 3])
            style: \(i % 4 == 0 ? "knowledge" : "scenario")
            stem: |
              Generated situation number \(i): a team runs workload \(i * 7919 % 10007) with constraint \(i % 13)
              and must choose the right action under budget \(i % 17). What should they do?

        """
        switch i % 10 {
        case 0, 1:
            return header + "    type: multiple\n    choose: 2\n    options:\n" + options(i, count: 5, keys: [0, 3])
        case 2:
            return header + "    type: ordering\n    steps:\n" + (0..<4).map { "      - text: Step \($0) of item \(i)\n        rationale: Step \($0) comes here because the previous one produced its input.\n" }.joined()
        case 3:
            return header + "    type: yes-no-series\n    statements:\n" + (0..<3).map { "      - text: \"Solution: approach \($0) for item \(i).\"\n        answer: \($0 == 1 ? "yes" : "no")\n        rationale: Approach \($0) does or does not meet the goal for a stated reason.\n" }.joined()
        default:
            return header + "    type: single\n    options:\n" + options(i, count: 4, keys: [i % 4])
        }
    }

    static func options(_ i: Int, count: Int, keys: Set<Int>) -> String {
        (0..<count).map { o in
            "      - text: Option \(o) of item \(i) describes one possible action.\n" +
            (keys.contains(o) ? "        correct: true\n" : "") +
            "        rationale: Option \(o) is \(keys.contains(o) ? "right" : "wrong") here because of the stated constraint.\n"
        }.joined()
    }
}
