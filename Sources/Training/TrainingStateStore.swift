import Autodiff
import BERT
import FileSupport
import Foundation

/// Saves and finds a stage's training states: one folder per state, `step-<N>/` with `state.json`
/// and `tensors.bin` (every parameter's values, then AdamW's first and second moments, float32),
/// written under a temporary name and renamed into place, so a kill never leaves half a state.
/// The latest two states are kept: a damaged latest one falls back to the one before.
struct TrainingStateStore {
    /// The run's state folder, e.g. `runs/states/trec-coarse/0/ssmix-1a2b3c4d5e6f`.
    let directory: URL

    /// Writes `state` with the model's weights and the optimizer's moments, then drops all but the
    /// latest two states.
    func save(_ state: TrainingState, model: BertClassifier, optimizer: AdamW) throws {
        try AtomicFile.createDirectory(directory)
        var tensors = Data()
        for parameter in model.parameters { parameter.tensor.values.withUnsafeBytes { tensors.append(contentsOf: $0) } }
        for index in model.parameters.indices {
            let moments = optimizer.moments(of: index)
            moments.first.withUnsafeBytes { tensors.append(contentsOf: $0) }
            moments.second.withUnsafeBytes { tensors.append(contentsOf: $0) }
        }
        var state = state
        state.parameterCounts = model.parameters.map(\.tensor.count)
        state.tensorsSHA256 = Checksum.sha256Hex(tensors)
        let scratch = directory.appendingPathComponent(".writing-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            try tensors.write(to: scratch.appendingPathComponent("tensors.bin"))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(state).write(to: scratch.appendingPathComponent("state.json"))
            let target = directory.appendingPathComponent(String(format: "step-%08d", state.step))
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: scratch, to: target)
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw FileWriteError(path: directory.path, reason: "cannot write the training state (\(error.localizedDescription))")
        }
        for old in stateFolders().dropFirst(2) { try? FileManager.default.removeItem(at: old) }
    }

    /// Restores the latest good state of `configHash` that `accepting` takes into `model` and
    /// `optimizer`; nil when there is none. Each damaged state is named in `refused` and the next
    /// older one is tried; one not accepted is passed over silently.
    func restoreLatest(configHash: String, model: BertClassifier, optimizer: AdamW,
                       accepting: (TrainingState) -> Bool = { _ in true }, refused: (String) -> Void) -> TrainingState? {
        for folder in stateFolders() {
            do {
                return try restore(from: folder, configHash: configHash, model: model, optimizer: optimizer, accepting: accepting)
            } catch is NotAccepted {
                continue
            } catch {
                refused("training state \(folder.path) refused (\(error)); trying an older one")
            }
        }
        return nil
    }

    /// Removes every state of the run (when it finished).
    func clear() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// State folders, newest first.
    private func stateFolders() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasPrefix("step-") }.sorted(by: >).map { directory.appendingPathComponent($0) }
    }

    private func restore(from folder: URL, configHash: String, model: BertClassifier, optimizer: AdamW,
                         accepting: (TrainingState) -> Bool) throws -> TrainingState {
        let state = try JSONDecoder().decode(TrainingState.self, from: Data(contentsOf: folder.appendingPathComponent("state.json")))
        guard state.configHash == configHash else { throw StateProblem("it belongs to another configuration") }
        guard accepting(state) else { throw NotAccepted() }
        guard state.parameterCounts == model.parameters.map(\.tensor.count) else { throw StateProblem("its shapes do not match the model") }
        let tensors = try Data(contentsOf: folder.appendingPathComponent("tensors.bin"))
        guard tensors.count == state.parameterCounts.reduce(0, +) * 3 * MemoryLayout<Float>.size,
              Checksum.sha256Hex(tensors) == state.tensorsSHA256 else { throw StateProblem("tensors.bin is damaged (size or sha256)") }
        var offset = 0
        func next(_ count: Int) -> [Float] {
            defer { offset += count * MemoryLayout<Float>.size }
            return tensors.withUnsafeBytes { raw in
                Array(UnsafeBufferPointer(start: raw.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Float.self), count: count))
            }
        }
        let values = state.parameterCounts.map(next)
        var first: [[Float]] = [], second: [[Float]] = []
        for count in state.parameterCounts {
            first.append(next(count))
            second.append(next(count))
        }
        try optimizer.restore(stepCount: state.step, firstMoments: first, secondMoments: second)
        for (parameter, saved) in zip(model.parameters, values) { try parameter.assign(saved) }
        return state
    }

    /// A good state the caller does not take up.
    private struct NotAccepted: Error {}

    private struct StateProblem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
