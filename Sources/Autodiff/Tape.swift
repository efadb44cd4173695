/// A reverse-mode tape: each op that produces a tensor needing a gradient records how to send the
/// output's gradient back to its inputs; ``backward(from:)`` replays those records newest first.
///
/// Ops whose inputs need no gradient record nothing, so they cost nothing in backward. Parameters
/// need a gradient only while ``computesParameterGradients`` is true: the saliency pass turns it
/// off and asks for the gradient of the embedding output alone.
public final class Tape {
    private var records: [() -> Void] = []
    /// Whether parameters (``Tensor/isParameter``) receive gradients.
    public var computesParameterGradients: Bool

    /// A fresh tape.
    public init(computesParameterGradients: Bool = true) {
        self.computesParameterGradients = computesParameterGradients
    }

    /// Number of recorded backward steps (for tests and diagnostics).
    public var recordCount: Int { records.count }

    /// Whether backward must reach `t`.
    public func needsGrad(_ t: Tensor) -> Bool {
        t.isParameter ? (computesParameterGradients && t.requiresGrad) : t.requiresGrad
    }

    func anyNeedsGrad(_ ts: Tensor...) -> Bool { ts.contains { needsGrad($0) } }

    /// Records a backward step for `output`; `body` receives the output's gradient.
    /// Nothing is recorded when `output` needs no gradient. Once the step has run, the output's
    /// gradient is dropped unless the output ``Tensor/retainsGrad``.
    func record(_ output: Tensor, _ body: @escaping ([Float]) -> Void) {
        guard output.requiresGrad else { return }
        records.append {
            guard let g = output.grad else { return }
            if !output.retainsGrad { output.grad = nil }
            body(g)
        }
    }

    /// Seeds d(loss)/d(loss) = 1 and runs every record newest first. `loss` must be a scalar.
    public func backward(from loss: Tensor) throws {
        guard loss.count == 1 else {
            throw TensorError.shapeMismatch(op: "backward", expected: "[1]", got: loss.shape)
        }
        try backward(from: loss, gradient: [1])
    }

    /// Vector–Jacobian product: seeds `output`'s gradient with `gradient` (same count) and runs every
    /// record newest first. Each record is released as soon as it has run, so the activations only it
    /// held are freed while backward goes on; gradients of intermediate results are dropped once
    /// consumed (see ``Tensor/retainsGrad``).
    public func backward(from output: Tensor, gradient: [Float]) throws {
        guard gradient.count == output.count else {
            throw TensorError.shapeMismatch(op: "backward", expected: "\(output.count) gradient values", got: [gradient.count])
        }
        output.grad = gradient
        while let record = records.popLast() { record() }
    }

    /// Drops every record without running it.
    public func reset() { records.removeAll(keepingCapacity: true) }
}
