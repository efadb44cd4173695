import CBLAS
import Dispatch

/// The number of threads compute runs on: OpenBLAS's count when the program started
/// (`OPENBLAS_NUM_THREADS`, default all cores), used for the elementwise ops too.
let computeThreads = max(1, Int(openblas_get_num_threads()))

/// The fewest elements worth handing to a thread of its own: below it, waking the thread costs more
/// than it saves.
let minimumElementsPerThread = 16_384

/// Runs `body` over `0..<count` split into one contiguous range per compute thread, in parallel.
/// Work below `minimumPerThread` items per thread runs on the calling thread in one range.
/// `body` must only write to its own range's outputs.
@inline(__always)
func parallelRanges(_ count: Int, minimumPerThread: Int = minimumElementsPerThread, _ body: (Range<Int>) -> Void) {
    let chunks = min(computeThreads, count / max(minimumPerThread, 1))
    guard chunks > 1 else { body(0..<count); return }
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        body((count * chunk / chunks)..<(count * (chunk + 1) / chunks))
    }
}

/// ``parallelRanges(_:minimumPerThread:_:)`` over `rows` rows of `width` elements each: a thread gets
/// rows only when they hold at least ``minimumElementsPerThread`` elements.
@inline(__always)
func parallelRows(_ rows: Int, width: Int, _ body: (Range<Int>) -> Void) {
    parallelRanges(rows, minimumPerThread: max(1, minimumElementsPerThread / max(width, 1)), body)
}

/// Σ of `partial(range)` over `0..<count` cut into fixed blocks of `block` elements: the blocks are
/// spread over the compute threads and their sums added in order, so the result is the same on any
/// number of threads.
func parallelBlockSum(_ count: Int, block: Int = 65_536, _ partial: (Range<Int>) -> Double) -> Double {
    let blocks = (count + block - 1) / block
    guard blocks > 1 else { return count == 0 ? 0 : partial(0..<count) }
    var sums = [Double](repeating: 0, count: blocks)
    sums.withUnsafeMutableBufferPointer { s in
        parallelRanges(blocks, minimumPerThread: 1) { range in
            for b in range { s[b] = partial(b * block..<min(count, (b + 1) * block)) }
        }
    }
    return sums.reduce(0, +)
}
