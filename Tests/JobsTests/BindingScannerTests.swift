import Testing
@testable import Jobs
import Primitives

@Suite struct BindingScannerTests {
    @Test func targetsAreRecognised() {
        #expect(BindingTarget(expression: "inputs.x") == .input("x"))
        #expect(BindingTarget(expression: " outputs.model_output ") == .output("model_output"))
        #expect(BindingTarget(expression: "name") == .jobName)
        #expect(BindingTarget(expression: "search_space.lr") == .searchSpace("lr"))
        #expect(BindingTarget(expression: "parent.inputs.n") == .parentInput("n"))
        #expect(BindingTarget(expression: "parent.outputs.final") == .parentOutput("final"))
        #expect(BindingTarget(expression: "parent.jobs.train.outputs.model") == .stepOutput(step: "train", output: "model"))
        #expect(BindingTarget(expression: "parent.jobs.train.inputs.model") == .unsupported("parent.jobs.train.inputs.model"))
        #expect(BindingTarget(expression: "inputs.") == .unsupported("inputs."))
    }

    @Test func substitutionReplacesKnownAndKeepsUnknown() {
        let text = BindingScanner.substitute("a ${{inputs.x}} b ${{outputs.y}} ${{inputs.z}}") { target in
            switch target {
            case .input("x"): return "1"
            case .output("y"): return "/out"
            default: return nil
            }
        }
        #expect(text == "a 1 b /out ${{inputs.z}}")
    }

    @Test func unterminatedExpressionIsUnsupported() {
        let found = BindingScanner.occurrences(in: "echo ${{inputs.x")
        #expect(found.count == 1)
        if case .unsupported = found.first?.target {} else { Issue.record("expected unsupported") }
    }

    @Test func optionalBlocksAreDroppedWhenTheInputIsUnset() {
        let command = "train $[[--epochs ${{inputs.epochs}}]] $[[--lr ${{inputs.lr}}]] --out x"
        let kept = BindingScanner.resolveOptionalBlocks(command) { $0 == "lr" }
        #expect(kept == "train  --lr ${{inputs.lr}} --out x")
        #expect(BindingScanner.inputsInOptionalBlocks(command) == ["epochs", "lr"])
    }

    @Test func wholeBindingDetection() {
        #expect(BindingScanner.isWholeBinding(" ${{parent.inputs.a}} "))
        #expect(!BindingScanner.isWholeBinding("${{parent.inputs.a}}/x"))
        #expect(!BindingScanner.isWholeBinding("plain"))
    }

    @Test func shellQuotingOnlyWhenNeeded() {
        #expect(ShellQuoting.quoteIfNeeded("/tmp/a_b-1.csv") == "/tmp/a_b-1.csv")
        #expect(ShellQuoting.quoteIfNeeded("/tmp/a b") == "'/tmp/a b'")
        #expect(ShellQuoting.quoteIfNeeded("it's") == "'it'\\''s'")
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256Hasher.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hasher.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hasher.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
