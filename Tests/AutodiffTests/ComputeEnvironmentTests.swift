import Autodiff
import XCTest

/// The compute environment: which variables a computing process needs, and that the tests run under
/// the same ones as the CLI (OpenBLAS's kernels and the allocator settings), so that the tests check
/// the code experiments run.
final class ComputeEnvironmentTests: XCTestCase {
    private let avx512: Set<String> = ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx2", "fma"]

    func testKernelFamilyFollowsTheCPUFlags() {
        XCTAssertEqual(ComputeEnvironment.preferredCoreType(cpuFlags: avx512), "SKYLAKEX")
        XCTAssertEqual(ComputeEnvironment.preferredCoreType(cpuFlags: ["avx2", "fma"]), "HASWELL")
        XCTAssertNil(ComputeEnvironment.preferredCoreType(cpuFlags: ["sse4_2"]))
    }

    func testValuesTheUserSetAreKept() {
        let variables = ComputeEnvironment.variables(environment: ["OPENBLAS_CORETYPE": "HASWELL", "HOME": "/root"], cpuFlags: avx512)
        XCTAssertEqual(variables, ["OPENBLAS_CORETYPE": "HASWELL", "GLIBC_TUNABLES": ComputeEnvironment.allocatorTunables,
                                   "OMP_WAIT_POLICY": "passive"])
        XCTAssertEqual(ComputeEnvironment.variables(environment: [:], cpuFlags: ["sse4_2"]),
                       ["GLIBC_TUNABLES": ComputeEnvironment.allocatorTunables, "OMP_WAIT_POLICY": "passive"])
    }

    func testOneDNNThreadsFollowTheComputeThreads() {
        let pool = ComputeEnvironment.variables(environment: ["OPENBLAS_NUM_THREADS": "1"], cpuFlags: ["sse4_2"])
        XCTAssertEqual(pool["OMP_NUM_THREADS"], "1")
        let chosen = ComputeEnvironment.variables(environment: ["OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "3"], cpuFlags: ["sse4_2"])
        XCTAssertEqual(chosen["OMP_NUM_THREADS"], "3")
        XCTAssertNil(ComputeEnvironment.variables(environment: [:], cpuFlags: ["sse4_2"])["OMP_NUM_THREADS"])
    }

    func testTestsRunUnderTheCLIsComputeEnvironment() {
        XCTAssertEqual(ComputeEnvironment.missing(), [:],
                       "the tests must run with the CLI's kernels and allocator settings: run them with `make test` (env $(ssmix-exp environment) swift test)")
    }
}
